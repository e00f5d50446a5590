import { parse } from 'lossless-json';

/** What the body parser leaves on a request whose body is not valid JSON; the validation pipe reports it. */
export class InvalidJsonBody {
  constructor(
    readonly message: string,
    readonly path?: string,
  ) {}
}

/** A value of the body the API cannot take, with its path: a number out of bounds, a NUL in a text. */
export class JsonValueError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

class NumberLiteral {
  constructor(readonly text: string) {}
}

const MAX_FRACTION_DIGITS = 2;
const MAX_SIGNIFICANT_DIGITS = 15;

/**
 * Parses JSON without losing numbers: every numeric literal is checked against its source text
 * (at most 2 fraction digits, at most 15 significant digits) and only then becomes a JS number,
 * which is exact within those bounds. Texts (values and keys) may not contain NUL (`\u0000`),
 * which PostgreSQL cannot store in text. An empty body is `{}`.
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return {};
  const tree = parse(text, null, { parseNumber: (literal) => new NumberLiteral(literal) });
  return convertValues(tree, '');
}

function convertValues(value: unknown, path: string): unknown {
  if (value instanceof NumberLiteral) return toNumber(value.text, path);
  if (typeof value === 'string') return withoutNul(value, path);
  if (Array.isArray(value)) return value.map((item, index) => convertValues(item, `${path}[${index}]`));
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const itemPath = path === '' ? key : `${path}.${key}`;
      Object.defineProperty(result, withoutNul(key, itemPath), {
        value: convertValues(item, itemPath),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return result;
  }
  return value;
}

function withoutNul(text: string, path: string): string {
  if (text.includes('\u0000')) throw new JsonValueError(path, 'must not contain the NUL character (\\u0000)');
  return text;
}

function toNumber(literal: string, path: string): number {
  const match = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (!match) throw new JsonValueError(path, `"${literal}" is not a number`);
  const [, integer, fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText);
  const fractionDigits = Math.max(0, fraction.length - exponent);
  if (fractionDigits > MAX_FRACTION_DIGITS) {
    throw new JsonValueError(path, `${literal} has more than ${MAX_FRACTION_DIGITS} fraction digits`);
  }
  const digits = integer + fraction;
  const significant = digits.replace(/^0+/, '');
  const leadingZeros = digits.length - significant.length;
  const integerDigits = Math.max(0, integer.length + exponent - leadingZeros);
  if (significant.length > MAX_SIGNIFICANT_DIGITS || integerDigits + fractionDigits > MAX_SIGNIFICANT_DIGITS) {
    throw new JsonValueError(path, `${literal} has more than ${MAX_SIGNIFICANT_DIGITS} significant digits`);
  }
  return Number(literal);
}
