import { CartCalculation, PointsByCurrency, QuoteFigures } from './pricing-types';

function byCurrency(a: PointsByCurrency, b: PointsByCurrency): number {
  return a.points_currency_eid < b.points_currency_eid ? -1 : a.points_currency_eid > b.points_currency_eid ? 1 : 0;
}

/** The figures a quote carries and a commit compares (spec rules.md §4 step 7), in a canonical order. */
export function quoteFigures(calculation: CartCalculation): QuoteFigures {
  return {
    finalTotal: calculation.finalTotal,
    pointsRedeemed: calculation.pointsRedeemed,
    accrued: calculation.accrued
      .filter((entry) => entry.amount !== 0n)
      .map((entry) => ({ points_currency_eid: entry.points_currency_eid, amount: entry.amount }))
      .sort(byCurrency),
    appliedPromotionIds: [...new Set(calculation.applied.map((promotion) => promotion.promotionId))].sort(
      (a, b) => a - b,
    ),
  };
}

/**
 * The text the caller signs: a JSON array, so no external id (printable ASCII, which may hold any
 * separator) can make two different quotes read alike. Currencies and ids are sorted here too, so
 * figures built by hand sign the same as `quoteFigures` gives.
 */
export function canonicalQuoteText(figures: QuoteFigures): string {
  const accrued = [...figures.accrued]
    .sort(byCurrency)
    .map((entry) => [entry.points_currency_eid, entry.amount.toString()]);
  const promotions = [...figures.appliedPromotionIds].sort((a, b) => a - b);
  return JSON.stringify([
    'quote/v1',
    figures.finalTotal.toString(),
    figures.pointsRedeemed.toString(),
    accrued,
    promotions,
  ]);
}
