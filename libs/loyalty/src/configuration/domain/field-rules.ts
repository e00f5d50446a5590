import { DomainError, parseDecimal } from '@loyalty/kernel';

/**
 * The value of one field after a create (`current` undefined) or a partial update (`current` the
 * stored value): absent keeps the current value (or takes the default on create); `null` restores
 * the default (for nullable fields the default is null); a required field has no default, so it
 * must be present on create and cannot be null.
 */
export function patched<V, R>(
  value: V | null | undefined,
  current: R | undefined,
  path: string,
  rule: { parse: (value: V) => R; fallback?: () => R },
): R {
  if (value === undefined) {
    if (current !== undefined) return current;
    if (rule.fallback) return rule.fallback();
    throw DomainError.invalid(path, 'is required');
  }
  if (value === null) {
    if (rule.fallback) return rule.fallback();
    throw DomainError.invalid(path, 'is required and cannot be null');
  }
  return rule.parse(value);
}

/** A value fixed at creation: an update may repeat it but not change it. */
export function unchanged<T>(value: T | null | undefined, current: T | undefined, path: string): void {
  if (current === undefined || value === undefined) return;
  if (value === null || value !== current) throw DomainError.invalid(path, 'cannot change after creation');
}

/**
 * External ids of programs and promotions may not be all digits: a JSON number names an id and a
 * string an external id, so `"123"` must never be mistaken for the id 123.
 */
export function requireNonNumericExternalId(value: string, path = 'external_id'): string {
  if (/^[0-9]+$/.test(value)) throw DomainError.invalid(path, 'must not be all digits (a number names an id)');
  return value;
}

const HUNDRED_PERCENT = 10_000n;

/** A percent 0..100 with at most 2 fraction digits, written without trailing zeros: `"100"`, `"12.5"`. */
export function parsePercent(text: string, path: string): string {
  const hundredths = parseDecimal(text, 2, path);
  if (hundredths < 0n || hundredths > HUNDRED_PERCENT) throw DomainError.invalid(path, 'must be between 0 and 100');
  const whole = hundredths / 100n;
  const fraction = (hundredths % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return fraction === '' ? whole.toString() : `${whole}.${fraction}`;
}

/** An integer within bounds (the schema checks the type; this checks the range the rule needs). */
export function requireIntegerIn(value: number, min: number, max: number, path: string): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw DomainError.invalid(path, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** One of a closed set of strings. */
export function oneOf<T extends string>(value: T, allowed: readonly T[], path: string): T {
  if (!allowed.includes(value)) throw DomainError.invalid(path, `must be one of ${allowed.join(', ')}`);
  return value;
}
