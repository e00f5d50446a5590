import { allocate, allocateWithCaps, ONE_POINT, PointsPrecision } from '@loyalty/kernel';

export interface RedemptionSplit {
  readonly points: bigint[];
  readonly values: bigint[];
}

/**
 * Splits redeemed points and their money value over parts (lines, or a line's units) whose
 * `rooms` are what each has above its floor (spec rules.md §4 step 6). The money is split by the
 * rooms and capped by them, so no part drops below its floor; the points follow the money parts,
 * in whole points for a precision-0 currency. Both totals stay exact.
 */
export function splitRedemption(
  points: bigint,
  value: bigint,
  rooms: readonly bigint[],
  precision: PointsPrecision,
): RedemptionSplit {
  const values = allocateWithCaps(value, rooms, rooms);
  return { values, points: allocate(points, values, precision === 0 ? ONE_POINT : 1n) };
}
