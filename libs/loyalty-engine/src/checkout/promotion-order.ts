import { PricingPromotion } from './pricing-types';

/** Arbitration order (spec rules.md §4): higher `priority` first, then lower id. */
export function comparePromotions(a: PricingPromotion, b: PricingPromotion): number {
  return a.priority !== b.priority ? b.priority - a.priority : a.id - b.id;
}
