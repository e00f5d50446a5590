import { DomainError } from '../errors/domain-error';
import { formatDecimal, parseDecimal } from './decimal';

/** A points currency's display precision: 2 (hundredths of a point) or 0 (whole points only). */
export type PointsPrecision = 0 | 2;

/** Hundredths in one point. */
export const ONE_POINT = 100n;

/**
 * Points are a `bigint` count of hundredths of a point, whatever the currency's precision.
 * These functions are their edge to and from decimal text.
 */
export const Points = {
  /** `"69"` and `"69.00"` are `6900n`; at most 2 fraction digits. */
  parse(text: string, path = 'amount'): bigint {
    return parseDecimal(text, 2, path);
  },

  /** Always 2 fraction digits, whatever the precision: `6900n` → `"69.00"`. */
  format(hundredths: bigint): string {
    return formatDecimal(hundredths, 2);
  },

  isWhole(hundredths: bigint): boolean {
    return hundredths % ONE_POINT === 0n;
  },

  /** Returns `hundredths` if a currency of this precision can hold it; a precision-0 currency takes whole points only. */
  requirePrecision(hundredths: bigint, precision: PointsPrecision, path = 'amount'): bigint {
    if (precision === 0 && !Points.isWhole(hundredths)) {
      throw DomainError.invalid(path, 'must be a whole number of points for this currency');
    }
    return hundredths;
  },
} as const;
