import { bigintMin, percentOf } from '@loyalty/kernel';
import { DiscountState } from './discount-state';
import { PricingPartner } from './pricing-types';

/**
 * A partner's `discount_percent` is a combinable percent discount on each of its lines, taken
 * after every promotion (on the running amount, half-up, within the floor and the percent cap).
 * It is the partner's term, not a promotion, so an exclusive promotion does not stop it.
 */
export function applyPartnerDiscounts(partners: readonly (PricingPartner | null)[], state: DiscountState): bigint[] {
  return partners.map((partner, line) => {
    const percent = partner?.terms.discountPercent ?? null;
    if (percent === null) {
      return 0n;
    }
    const discount = bigintMin(percentOf(state.lineRunning(line), percent), state.roomOf(line));
    state.take(line, discount);
    return discount;
  });
}
