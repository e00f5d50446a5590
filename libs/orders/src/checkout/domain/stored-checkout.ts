import { CartCalculation, PointsByCurrency } from '@loyalty/loyalty-engine';
import type { CommittedPromotion, LineAllocation, StoredPoints } from '../../domain/order-checkout';

const storedPoints = (points: readonly PointsByCurrency[]): StoredPoints[] =>
  points.map((entry) => ({ points_currency_eid: entry.points_currency_eid, amount: entry.amount.toString() }));

/** A line's allocation as the order keeps it (amounts as integer strings). */
export function lineAllocationOf(calculation: CartCalculation, index: number): LineAllocation {
  const line = calculation.lines[index];
  return {
    units: line.units.map((unit) => ({
      discount: unit.discount.toString(),
      redeemed_points: unit.redeemedPoints.toString(),
      redeemed_value: unit.redeemedValue.toString(),
      paid: unit.paid.toString(),
      accrued: storedPoints(unit.accrued),
    })),
    promotions: line.promotions.map((share) => ({
      promotion_id: share.promotionId,
      discount: share.discount.toString(),
      accrued: storedPoints(share.accrued),
    })),
  };
}

/** The applied promotions as the order keeps them, with what their counters moved by. */
export function committedPromotionsOf(
  calculation: CartCalculation,
  budgetAmounts: ReadonlyMap<number, bigint>,
  returnPolicies: ReadonlyMap<number, 'keep' | 'reevaluate'>,
): CommittedPromotion[] {
  return calculation.applied.map((applied) => ({
    promotion_id: applied.promotionId,
    external_id: applied.externalId,
    type: applied.type,
    discount: applied.discount.toString(),
    accrued: storedPoints(applied.accrued),
    budget_amount: (budgetAmounts.get(applied.promotionId) ?? 0n).toString(),
    return_policy: returnPolicies.get(applied.promotionId) ?? 'keep',
  }));
}
