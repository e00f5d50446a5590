import { bigintMax, multiplyPoints, percentPoints } from '@loyalty/kernel';
import { LineAmounts } from './line-amounts';
import { PromotionAccrual } from './accrual';
import { PointsTally } from './points-tally';
import { PointsByCurrency, PricingInput, PricingPartner } from './pricing-types';

/**
 * The points a line's partner terms add, all partner-funded (spec rules.md §4 step 5):
 * `points_multiplier` multiplies the points promotions give on the line (the extra is the
 * partner's), and `cashback_percent` gives that percent of the paid line in the default (first
 * standard) currency, on top of the promotions' points and not multiplied. Partner terms touch
 * standard currencies only: qualification points come from promotions alone.
 */
export function partnerPoints(
  input: PricingInput,
  partners: readonly (PricingPartner | null)[],
  amounts: readonly LineAmounts[],
  accruals: readonly PromotionAccrual[],
): PointsByCurrency[][] {
  const standard = input.program.currencies.filter((currency) => currency.type === 'standard');
  const cashbackCurrency = standard[0];
  return partners.map((partner, line) => {
    if (partner === null || input.member === null) {
      return [];
    }
    const tally = new PointsTally();
    const { pointsMultiplier, cashbackPercent } = partner.terms;
    if (pointsMultiplier !== null) {
      const given = new PointsTally();
      accruals.forEach((accrual) => given.add(accrual.currency.eid, accrual.byLine.get(line) ?? 0n));
      standard.forEach((currency) => {
        const points = given.get(currency.eid);
        tally.add(currency.eid, bigintMax(multiplyPoints(points, pointsMultiplier, currency.precision) - points, 0n));
      });
    }
    if (cashbackPercent !== null && cashbackCurrency !== undefined) {
      const paid = amounts[line].paid;
      const { pointValue, precision } = cashbackCurrency;
      tally.add(cashbackCurrency.eid, percentPoints(paid, input.minorDigits, cashbackPercent, pointValue, precision));
    }
    return tally.list(input.program.currencies);
  });
}
