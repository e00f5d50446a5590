/**
 * Exact comparison of decimal numbers of any scale, as text: payload values are JSON numbers or
 * decimal strings of unknown precision, so they are read as `bigint` digits with a scale, never
 * as floats. `String(n)` of a JSON number is its shortest exact text, exponent form included.
 */
export interface ExactDecimal {
  digits: bigint;
  scale: number;
}

const DECIMAL_TEXT = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/;

/** The decimal a number or decimal-shaped string stands for, or null (`"007"`, `"1."`, `"abc"`, NaN). */
export function exactDecimal(value: unknown): ExactDecimal | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    return parseText(String(value));
  }
  return typeof value === 'string' ? parseText(value) : null;
}

function parseText(text: string): ExactDecimal | null {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return null;
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  const shift = Number(exponent);
  if (!Number.isSafeInteger(shift) || Math.abs(shift) > 400) return null;
  let digits = BigInt(whole + fraction);
  let scale = fraction.length - shift;
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits: sign === '-' ? -digits : digits, scale };
}

/** -1, 0 or 1, exactly. */
export function compareExact(a: ExactDecimal, b: ExactDecimal): number {
  const scale = Math.max(a.scale, b.scale);
  const left = a.digits * 10n ** BigInt(scale - a.scale);
  const right = b.digits * 10n ** BigInt(scale - b.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}
