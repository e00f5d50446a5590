/**
 * The part of JSON Schema (draft 2020-12) the event schemas use, and a small validator for it:
 * `type` (one or several), `properties`, `required`, `additionalProperties: false`, `items`,
 * `enum`, `pattern`, `format` (`date-time`, `date`, `uuid`), `minimum`, `maximum`, `minLength`,
 * `maxLength`. Enough to prove in tests that the
 * payloads the code writes are what the schemas document; no dependency needed.
 */
export type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: JsonType | JsonType[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  enum?: Array<string | number | boolean | null>;
  pattern?: string;
  format?: 'date-time' | 'date' | 'uuid';
  minimum?: number;
  maximum?: number;
  /** Lengths count Unicode code points, as JSON Schema says. */
  minLength?: number;
  maxLength?: number;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

/** The places where `value` breaks `schema`, as `path: problem` lines (empty when it conforms). */
export function validateJson(schema: JsonSchema, value: unknown, path = '$'): string[] {
  const problems: string[] = [];
  const actual = typeOf(value);
  if (schema.type) {
    const allowed = Array.isArray(schema.type) ? schema.type : [schema.type];
    const fits = allowed.includes(actual) || (actual === 'integer' && allowed.includes('number'));
    if (!fits) return [`${path}: is ${actual}, expected ${allowed.join(' or ')}`];
  }
  if (schema.enum && !schema.enum.includes(value as never))
    problems.push(`${path}: is not one of ${schema.enum.join(', ')}`);
  if (typeof value === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern).test(value))
      problems.push(`${path}: does not match ${schema.pattern}`);
    if (schema.format === 'date-time' && !(RFC3339.test(value) && !Number.isNaN(Date.parse(value)))) {
      problems.push(`${path}: is not an RFC 3339 date-time`);
    }
    if (schema.format === 'date' && !DATE.test(value)) problems.push(`${path}: is not a date (YYYY-MM-DD)`);
    if (schema.format === 'uuid' && !UUID.test(value)) problems.push(`${path}: is not a UUID`);
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength)
      problems.push(`${path}: is shorter than ${schema.minLength} characters`);
    if (schema.maxLength !== undefined && length > schema.maxLength)
      problems.push(`${path}: is longer than ${schema.maxLength} characters`);
  }
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) {
    problems.push(`${path}: is below ${schema.minimum}`);
  }
  if (typeof value === 'number' && schema.maximum !== undefined && value > schema.maximum) {
    problems.push(`${path}: is above ${schema.maximum}`);
  }
  if (actual === 'array' && schema.items) {
    (value as unknown[]).forEach((item, index) =>
      problems.push(...validateJson(schema.items as JsonSchema, item, `${path}[${index}]`)),
    );
  }
  if (actual === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (!(key in object)) problems.push(`${path}.${key}: is required`);
    }
    for (const [key, item] of Object.entries(object)) {
      const property = schema.properties?.[key];
      if (property) problems.push(...validateJson(property, item, `${path}.${key}`));
      else if (schema.additionalProperties === false) problems.push(`${path}.${key}: is not allowed`);
    }
  }
  return problems;
}
