import { PromotionAccrual } from './accrual';
import { ArbitrationStep } from './arbitration';
import { PointsTally } from './points-tally';
import { LinePromotionShare, PricingCurrency } from './pricing-types';
import { DELIVERY } from './slots';

/** For each goods line, what every promotion that acted on it gave there, in the order they acted (delivery discounts are the cart's). */
export function linePromotionShares(
  lineCount: number,
  steps: readonly ArbitrationStep[],
  accruals: readonly PromotionAccrual[],
  currencies: readonly PricingCurrency[],
): LinePromotionShare[][] {
  const shares: LinePromotionShare[][] = Array.from({ length: lineCount }, () => []);
  for (const { candidate, slots, discounts } of steps) {
    const promotionId = candidate.promotion.id;
    const own = accruals.filter((accrual) => accrual.promotionId === promotionId);
    slots.forEach((line, index) => {
      if (line === DELIVERY) {
        return;
      }
      const discount = discounts[index];
      const tally = new PointsTally();
      own.forEach((accrual) => tally.add(accrual.currency.eid, accrual.byLine.get(line) ?? 0n));
      const accrued = tally.list(currencies);
      if (discount > 0n || accrued.length > 0) {
        shares[line].push({ promotionId, discount, accrued });
      }
    });
  }
  return shares;
}
