import { DomainError } from '../errors/domain-error';
import { parseDecimal } from './decimal';
import { MinorDigits } from './money';
import { ONE_POINT, PointsPrecision } from './points';

/**
 * The one rounding policy (spec rules.md §1). Amounts are bigint minor units (money) or hundredths
 * (points); rates (`percent`, `point_value`, `multiplier`) are decimal strings with at most 2
 * fraction digits. Every result is computed as one exact fraction and rounded once:
 * - a percentage discount rounds half-up to the minor unit;
 * - accrued points round down to the currency's precision;
 * - redeemed points convert to money rounding down, so they never pay more than they are worth.
 *
 * "Down" is toward zero and "half-up" is half away from zero, so every function here is odd:
 * f(-x) = -f(x), and reversing an amount reverses its rounding exactly.
 */

type Rounding = 'down' | 'half-up';

/** `numerator / denominator` for a positive denominator. */
function divide(numerator: bigint, denominator: bigint, rounding: Rounding): bigint {
  const magnitude = numerator < 0n ? -numerator : numerator;
  const remainder = magnitude % denominator;
  let quotient = magnitude / denominator;
  if (rounding === 'half-up' && remainder * 2n >= denominator) {
    quotient += 1n;
  }
  return numerator < 0n ? -quotient : quotient;
}

/** A rate as hundredths: `"12.5"` → `1250n`. */
function hundredthsOf(rate: string, path: string, allowZero: boolean): bigint {
  const value = parseDecimal(rate, 2, path);
  if (value < 0n || (value === 0n && !allowZero)) {
    throw DomainError.invalid(path, allowZero ? 'must not be negative' : 'must be positive');
  }
  return value;
}

function minorPerMajor(minorDigits: MinorDigits): bigint {
  return 10n ** BigInt(minorDigits);
}

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

/** A discount of `percent` % of an amount, rounded half-up: 10 % of 99.99 → 10.00. */
export function percentOf(amountMinor: bigint, percent: string): bigint {
  return divide(amountMinor * hundredthsOf(percent, 'percent', true), 10_000n, 'half-up');
}

/** Points bought by an amount of money at `pointValue` (money per point), rounded down to the precision. */
export function pointsForMoney(
  moneyMinor: bigint,
  minorDigits: MinorDigits,
  pointValue: string,
  precision: PointsPrecision,
): bigint {
  const value = hundredthsOf(pointValue, 'point_value', false);
  return floorToPrecision(divide(moneyMinor * 10_000n, minorPerMajor(minorDigits) * value, 'down'), precision);
}

/** Points worth `percent` % of a base amount (base × percent ÷ point value), rounded down once, not per step. */
export function percentPoints(
  baseMinor: bigint,
  minorDigits: MinorDigits,
  percent: string,
  pointValue: string,
  precision: PointsPrecision,
): bigint {
  const rate = hundredthsOf(percent, 'percent', true);
  const value = hundredthsOf(pointValue, 'point_value', false);
  return floorToPrecision(divide(baseMinor * rate, minorPerMajor(minorDigits) * value, 'down'), precision);
}

/** `points` for every whole `per` of the base: ⌊base ÷ per⌋ × points (both money amounts in the same minor units). */
export function perAmountPoints(baseMinor: bigint, perMinor: bigint, points: bigint): bigint {
  if (perMinor <= 0n) {
    throw DomainError.invalid('per', 'must be positive');
  }
  return divide(baseMinor, perMinor, 'down') * points;
}

/** Points times a decimal factor (`"1.5"`), rounded down to the precision. */
export function multiplyPoints(points: bigint, multiplier: string, precision: PointsPrecision): bigint {
  return floorToPrecision(divide(points * hundredthsOf(multiplier, 'multiplier', true), 100n, 'down'), precision);
}

/** The money value of redeemed points, rounded down to the minor unit. */
export function moneyForPoints(points: bigint, minorDigits: MinorDigits, pointValue: string): bigint {
  const value = hundredthsOf(pointValue, 'point_value', false);
  return divide(points * value * minorPerMajor(minorDigits), 10_000n, 'down');
}

/**
 * The smallest positive number of points that can be redeemed without losing value: its money
 * value is a whole minor unit (and it is whole points in a precision-0 currency). At point value
 * 0.01 in kopecks that is one point; at 1.00 it is 0.01 point; at 0.5 it is 0.02 point.
 */
function redeemableUnit(minorDigits: MinorDigits, pointValue: string, precision: PointsPrecision): bigint {
  const minorPerHundredth = hundredthsOf(pointValue, 'point_value', false) * minorPerMajor(minorDigits);
  const unit = 10_000n / gcd(10_000n, minorPerHundredth);
  return precision === 0 ? (unit * ONE_POINT) / gcd(unit, ONE_POINT) : unit;
}

/** The largest points ≤ `points` whose money value is a whole minor unit: 1,799.10 at 0.01 → 1,799.00. */
export function floorToRedeemable(
  points: bigint,
  minorDigits: MinorDigits,
  pointValue: string,
  precision: PointsPrecision,
): bigint {
  return floorToStep(points, redeemableUnit(minorDigits, pointValue, precision));
}

/** The largest points whose money value is a whole minor unit and at most `capMinor`: 18.00 at 0.01 → 1,800.00. */
export function maxPointsForMoney(
  capMinor: bigint,
  minorDigits: MinorDigits,
  pointValue: string,
  precision: PointsPrecision,
): bigint {
  const value = hundredthsOf(pointValue, 'point_value', false);
  const points = divide(capMinor * 10_000n, minorPerMajor(minorDigits) * value, 'down');
  return floorToStep(points, redeemableUnit(minorDigits, pointValue, precision));
}

/** Rounds down to a multiple of `step` (same units as the amount): 1,799.00 points at step 100 → 1,700.00. */
export function floorToStep(amount: bigint, step: bigint): bigint {
  if (step <= 0n) {
    throw DomainError.invalid('step', 'must be positive');
  }
  return divide(amount, step, 'down') * step;
}

/** Rounds points down to the currency's precision: whole points for precision 0. */
export function floorToPrecision(points: bigint, precision: PointsPrecision): bigint {
  return precision === 2 ? points : floorToStep(points, ONE_POINT);
}
