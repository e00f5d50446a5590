import { decimalTextFromNumber, DomainError, parseDateOnly, parseDecimal, parseRfc3339 } from '@loyalty/kernel';
import type { CustomFieldValueType } from '../entities/custom-field.entity';

export interface CustomFieldDefinition {
  externalId: string;
  valueType: CustomFieldValueType;
  required: boolean;
  defaultValue: unknown;
}

/**
 * A custom field value in its stored form: `int` a safe integer, `float` canonical decimal text
 * (no binary floats), `string`, `bool`, `list` of strings, `date` as given when it is a date
 * (`2026-01-25`) or an RFC 3339 instant.
 */
export function normaliseCustomFieldValue(type: CustomFieldValueType, value: unknown, path: string): unknown {
  const wrong = () => DomainError.invalid(path, `expected a value of type ${type}`);
  switch (type) {
    case 'int':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
      if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value);
      throw wrong();
    case 'float': {
      const text = typeof value === 'number' ? decimalTextFromNumber(value, path) : value;
      if (typeof text !== 'string' || !/^-?\d+(\.\d{1,2})?$/.test(text)) throw wrong();
      parseDecimal(text.replace(/^-/, ''), 2, path);
      return text;
    }
    case 'string':
      if (typeof value === 'string') return value;
      throw wrong();
    case 'bool':
      if (typeof value === 'boolean') return value;
      throw wrong();
    case 'list':
      if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
      throw wrong();
    case 'date':
      if (typeof value !== 'string') throw wrong();
      if (/^\d{4}-\d{2}-\d{2}$/.test(value)) parseDateOnly(value, path);
      else parseRfc3339(value, path);
      return value;
  }
}

/**
 * Checks an item's custom fields against the definitions of its entity type: unknown ids and
 * wrong types are error 1 at `path.<id>`; missing required ones take their default or fail.
 */
export function resolveCustomFields(
  values: Record<string, unknown> | undefined,
  definitions: ReadonlyMap<string, CustomFieldDefinition>,
  path: string,
): Record<string, unknown> {
  const resolved: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(values ?? {})) {
    const definition = definitions.get(id);
    if (!definition) throw DomainError.invalid(`${path}.${id}`, 'no custom field with this id is defined');
    if (value === null) continue;
    resolved[id] = normaliseCustomFieldValue(definition.valueType, value, `${path}.${id}`);
  }
  for (const definition of definitions.values()) {
    if (definition.externalId in resolved) continue;
    if (definition.defaultValue !== null && definition.defaultValue !== undefined) {
      resolved[definition.externalId] = definition.defaultValue;
    } else if (definition.required) {
      throw DomainError.invalid(`${path}.${definition.externalId}`, 'this custom field is required');
    }
  }
  return resolved;
}

/**
 * Feeds carry every value as text (`<param>`, `cf:` columns): the value a text stands for in a
 * field of `type`, before the usual check. `bool` takes true/false/1/0, `list` is `|`-separated;
 * text that fits nothing is left as it is, so the check names the field.
 */
export function customFieldFromText(type: CustomFieldValueType, text: string): unknown {
  switch (type) {
    case 'bool':
      return { true: true, '1': true, false: false, '0': false }[text.trim().toLowerCase()] ?? text;
    case 'list':
      return text
        .split('|')
        .map((item) => item.trim())
        .filter((item) => item.length > 0);
    case 'int':
      return /^-?\d{1,15}$/.test(text.trim()) ? Number(text.trim()) : text;
    default:
      return text.trim();
  }
}

/** A feed item's custom fields, each text read as the value its definition's type stands for. */
export function customFieldsFromText(
  values: Record<string, unknown> | undefined,
  definitions: ReadonlyMap<string, CustomFieldDefinition>,
): Record<string, unknown> | undefined {
  if (!values) return values;
  return Object.fromEntries(
    Object.entries(values).map(([id, value]) => {
      const definition = definitions.get(id);
      return [id, definition && typeof value === 'string' ? customFieldFromText(definition.valueType, value) : value];
    }),
  );
}
