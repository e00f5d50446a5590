import { moneyForPoints } from '@loyalty/kernel';
import { Candidate } from './candidates';
import { DiscountState } from './discount-state';
import { applyDiscountStep } from './discount-step';
import { ACCRUAL_KINDS } from './effects/accrual-registry';
import { listTotal } from './list-total';
import { PricingInput } from './pricing-types';

/**
 * What a promotion alone would give on each of its slots, in money, for `best_for_customer`
 * (spec rules.md §4): its discount on the cart before any other promotion, or its points on the
 * list amounts (no discount, no redemption: the promotion alone) valued at the currency's
 * `point_value`. Qualification points are not a benefit the customer can spend, so they count 0,
 * and a multiplier, which has no points of its own to multiply when alone, counts 0 too.
 */
export function standaloneBenefit(candidate: Candidate, input: PricingInput): bigint[] {
  const { promotion, slots } = candidate;
  if (promotion.discount !== null) {
    return applyDiscountStep(promotion.discount, slots, DiscountState.fresh(input), promotion.limits.budgetLeft);
  }
  const accrual = promotion.accrual;
  const currency = input.program.currencies.find((known) => known.eid === accrual?.points_currency_eid);
  if (accrual === null || currency === undefined || currency.type !== 'standard') {
    return slots.map(() => 0n);
  }
  const lines = slots.map((slot) => {
    const line = input.lines[slot];
    const total = listTotal(line);
    return { base: total, paid: total, count: line.count, otherPoints: 0n };
  });
  return ACCRUAL_KINDS.get(accrual.kind)
    .points(accrual, lines, currency, input.minorDigits)
    .map((points) => moneyForPoints(points, input.minorDigits, currency.pointValue));
}
