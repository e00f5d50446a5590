import { allocate, allocateWithCaps, bigintMax, ONE_POINT, PointsPrecision } from '@loyalty/kernel';
import { PointsByCurrency, PricingCurrency, PricingLine, UnitAllocation } from './pricing-types';
import { splitRedemption } from './redemption-split';

/** A line's figures to share out over its units. */
export interface LineTotals {
  readonly discount: bigint;
  readonly redeemedPoints: bigint;
  readonly redeemedValue: bigint;
  readonly accrued: readonly PointsByCurrency[];
}

function splitUnit(precision: PointsPrecision): bigint {
  return precision === 0 ? ONE_POINT : 1n;
}

/**
 * Step 6 of spec rules.md §4 inside a line: the discount over the units by largest remainder
 * (E3: 10.00 over 3 → 3.34 / 3.33 / 3.33), never below the floor; redeemed points and their value
 * by what each unit then has above its floor; accrued points by what each unit pays (whole points
 * for a precision-0 currency). The units of each figure sum to the line's.
 */
export function allocateUnits(
  line: PricingLine,
  totals: LineTotals,
  redemptionPrecision: PointsPrecision,
  currencies: readonly PricingCurrency[],
): UnitAllocation[] {
  const units = Array.from({ length: line.count }, () => line.unitPrice);
  const discountRoom = bigintMax(line.unitPrice - line.floorPrice, 0n);
  const discounts = allocateWithCaps(
    totals.discount,
    units,
    units.map(() => discountRoom),
  );
  const rooms = discounts.map((discount) => bigintMax(line.unitPrice - discount - line.floorPrice, 0n));
  const redeemed = splitRedemption(totals.redeemedPoints, totals.redeemedValue, rooms, redemptionPrecision);
  const paid = discounts.map((discount, unit) => line.unitPrice - discount - redeemed.values[unit]);
  const accrued = totals.accrued.map(({ points_currency_eid, amount }) => {
    const precision = currencies.find((currency) => currency.eid === points_currency_eid)?.precision ?? 2;
    return { points_currency_eid, parts: allocate(amount, paid, splitUnit(precision)) };
  });
  return discounts.map((discount, unit) => ({
    discount,
    redeemedPoints: redeemed.points[unit],
    redeemedValue: redeemed.values[unit],
    paid: paid[unit],
    accrued: accrued.flatMap(({ points_currency_eid, parts }) => {
      const amount = parts[unit];
      return amount === 0n ? [] : [{ points_currency_eid, amount }];
    }),
  }));
}
