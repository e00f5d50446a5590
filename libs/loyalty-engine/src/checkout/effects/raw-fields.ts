import { decimalTextFromNumber, DomainError, formatDecimal, parseDecimal } from '@loyalty/kernel';

/** Readers for the API shapes of effect blocks; every error names the exact JSON path. */

export type RawObject = Readonly<Record<string, unknown>>;

export function isAbsent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

/** A JSON object with no keys but `allowed` (unknown fields are error 1, spec api.md §1). */
export function readObject(raw: unknown, path: string, allowed: readonly string[]): RawObject {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw DomainError.invalid(path, 'must be an object');
  }
  const unknown = Object.keys(raw).find((key) => !allowed.includes(key));
  if (unknown !== undefined) {
    throw DomainError.invalid(`${path}.${unknown}`, 'is not a known field');
  }
  return raw as RawObject;
}

/** A decimal given as a string or a JSON number, as text for the kernel's parsers. */
export function readDecimalText(value: unknown, path: string): string {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number') {
    return decimalTextFromNumber(value, path);
  }
  throw DomainError.invalid(path, isAbsent(value) ? 'is required' : 'must be a decimal string such as "10.00"');
}

export function readChoice<T extends string>(value: unknown, choices: readonly T[], path: string): T {
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) {
    return value as T;
  }
  throw DomainError.invalid(path, `must be one of ${choices.map((choice) => `"${choice}"`).join(', ')}`);
}

export function readBoolean(value: unknown, path: string, fallback: boolean): boolean {
  if (isAbsent(value)) {
    return fallback;
  }
  if (typeof value !== 'boolean') {
    throw DomainError.invalid(path, 'must be true or false');
  }
  return value;
}

export interface RateBounds {
  /** Smallest allowed value in hundredths, and whether it is allowed itself. */
  readonly min: bigint;
  readonly minInclusive: boolean;
  /** Largest allowed value in hundredths (inclusive); null = no upper bound. */
  readonly max: bigint | null;
}

/** A rate (percent, factor, point value) with at most 2 fraction digits, normalised to 2 digits ("10" → "10.00"). */
export function readRate(value: unknown, path: string, bounds: RateBounds): string {
  const hundredths = parseDecimal(readDecimalText(value, path), 2, path);
  const tooSmall = bounds.minInclusive ? hundredths < bounds.min : hundredths <= bounds.min;
  if (tooSmall) {
    const limit = formatDecimal(bounds.min, 2);
    throw DomainError.invalid(path, bounds.minInclusive ? `must be at least ${limit}` : `must be more than ${limit}`);
  }
  if (bounds.max !== null && hundredths > bounds.max) {
    throw DomainError.invalid(path, `must be at most ${formatDecimal(bounds.max, 2)}`);
  }
  return formatDecimal(hundredths, 2);
}

/** A percent in (0, 100]. */
export const PERCENT: RateBounds = { min: 0n, minInclusive: false, max: 10_000n };
/** A percent in [0, 100] (a share cap of 0 forbids redemption). */
export const SHARE_PERCENT: RateBounds = { min: 0n, minInclusive: true, max: 10_000n };
/** A factor of at least 1 (a multiplier never takes points away). */
export const FACTOR: RateBounds = { min: 100n, minInclusive: true, max: null };
/** Any positive amount. */
export const POSITIVE: RateBounds = { min: 0n, minInclusive: false, max: null };
