import { DomainError, Points, PointsPrecision } from '@loyalty/kernel';

/** Points from an API field, checked against the currency's precision; must be above zero unless `allowZero`. */
export function parsePointsInput(text: string, precision: PointsPrecision, path: string, allowZero = false): bigint {
  const points = Points.requirePrecision(Points.parse(text, path), precision, path);
  if (points < 0n || (!allowZero && points === 0n)) {
    throw DomainError.invalid(path, allowZero ? 'must not be negative' : 'must be greater than zero');
  }
  return points;
}
