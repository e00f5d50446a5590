import { DomainError } from '../errors/domain-error';

/** How many fraction digits an integer amount stands for: 0 (whole units) up to 2 (hundredths). */
export type Scale = 0 | 1 | 2;

/** A double holds 15 significant decimal digits exactly, so the API never accepts more. */
export const MAX_SIGNIFICANT_DIGITS = 15;

const DECIMAL_SHAPE = /^(-?)([0-9]+)(?:\.([0-9]+))?$/;

/**
 * Reads a plain decimal string (`"100"`, `"100.5"`, `"-3.25"`, `"0.01"`) as an integer count of
 * `10^-scale` units: `parseDecimal("100.5", 2)` is `10050n`. Anything else is a validation error
 * naming `path`: signs other than a leading `-`, exponents, spaces, `1.`, `.5`, leading zeros
 * (`007`, `00.5`; `0.5` is fine), more fraction digits than `scale`, more than 15 significant digits.
 */
export function parseDecimal(text: string, scale: Scale, path = 'amount'): bigint {
  const match = DECIMAL_SHAPE.exec(text);
  if (match === null) {
    throw DomainError.invalid(path, 'must be a decimal number such as "100.50"');
  }
  const [, sign = '', whole = '', fraction = ''] = match;
  if (whole.length > 1 && whole.startsWith('0')) {
    throw DomainError.invalid(path, 'must not have leading zeros');
  }
  if (fraction.length > scale) {
    throw DomainError.invalid(
      path,
      scale === 0 ? 'must be a whole number' : `must have at most ${scale} fraction digits`,
    );
  }
  const significant = (whole + fraction).replace(/^0+/, '').length;
  if (significant > MAX_SIGNIFICANT_DIGITS) {
    throw DomainError.invalid(path, `must have at most ${MAX_SIGNIFICANT_DIGITS} significant digits`);
  }
  const units = BigInt(whole + fraction.padEnd(scale, '0'));
  return sign === '-' ? -units : units;
}

/** Writes an integer count of `10^-scale` units with exactly `scale` fraction digits: `formatDecimal(-5n, 2)` is `"-0.05"`. */
export function formatDecimal(units: bigint, scale: Scale): string {
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
  const sign = units < 0n ? '-' : '';
  if (scale === 0) {
    return sign + digits;
  }
  return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/**
 * The decimal text of a JSON number the API accepted (the API has checked its source text has at
 * most 2 fraction digits and 15 significant digits, so `String(n)` is exact). Feed the result to
 * `Money.parse` or `Points.parse`, which still apply every rule; this only refuses what `String`
 * would write in exponent form or cannot write at all.
 */
export function decimalTextFromNumber(value: number, path = 'amount'): string {
  const text = String(value);
  if (!Number.isFinite(value) || /[eE]/.test(text)) {
    throw DomainError.invalid(path, 'must be a decimal number such as "100.50"');
  }
  return text;
}
