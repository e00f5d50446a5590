import { bigintSum } from '@loyalty/kernel';
import { PromotionAccrual } from './accrual';
import { Arbitration } from './arbitration';
import { PointsTally } from './points-tally';
import { AppliedPromotion, PricingCurrency, RejectedPromotion } from './pricing-types';
import { LineShare } from './redemption-shares';

export interface PromotionOutcomes {
  /** In the order the promotions acted. */
  readonly applied: AppliedPromotion[];
  readonly rejected: RejectedPromotion[];
}

/**
 * Which candidates applied: a promotion applied when it took money off, gave points, or its
 * `redemption` block set the share cap of lines that points paid for. One that did none of these
 * is EXCLUDED_BY_PRIORITY when an exclusive promotion kept it off a slot, else NO_EFFECT (it
 * consumes no limit).
 */
export function promotionOutcomes(
  arbitration: Arbitration,
  accruals: readonly PromotionAccrual[],
  shares: readonly LineShare[],
  redeemedPoints: readonly bigint[],
  currencies: readonly PricingCurrency[],
): PromotionOutcomes {
  const applied: AppliedPromotion[] = [];
  const rejected: RejectedPromotion[] = [];
  for (const { candidate, discounts } of arbitration.steps) {
    const { id, externalId, type } = candidate.promotion;
    const discount = bigintSum([...discounts]);
    const tally = new PointsTally();
    accruals
      .filter((accrual) => accrual.promotionId === id)
      .forEach((accrual) => tally.add(accrual.currency.eid, bigintSum([...accrual.byLine.values()])));
    const accrued = tally.list(currencies);
    const redeemed = bigintSum(shares.map((share, line) => (share.setBy === id ? redeemedPoints[line] : 0n)));
    if (discount > 0n || accrued.length > 0 || redeemed > 0n) {
      applied.push({ promotionId: id, externalId, type, discount, accrued, redeemedPoints: redeemed });
    } else {
      const reason = arbitration.excluded.has(id) ? 'EXCLUDED_BY_PRIORITY' : 'NO_EFFECT';
      rejected.push({ promotionId: id, externalId, reason });
    }
  }
  return { applied, rejected };
}
