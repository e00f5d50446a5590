import { AppliedPromotion, PricingPromoCode, PricingPromotion, PromoCodeOutcome } from './pricing-types';

/**
 * What became of each code sent: `applied` when a promotion of its code program applied,
 * `not_applicable` when it is valid but none did, otherwise the state the caller found.
 */
export function promoCodeOutcomes(
  codes: readonly PricingPromoCode[],
  promotions: readonly PricingPromotion[],
  applied: readonly AppliedPromotion[],
): { code: string; status: PromoCodeOutcome }[] {
  const appliedIds = new Set(applied.map((promotion) => promotion.promotionId));
  const usedPrograms = new Set(
    promotions.filter((promotion) => appliedIds.has(promotion.id)).map((promotion) => promotion.promoCodeProgramId),
  );
  return codes.map(({ code, state, programId }) => {
    if (state !== 'valid') {
      return { code, status: state };
    }
    return { code, status: programId !== null && usedPrograms.has(programId) ? 'applied' : 'not_applicable' };
  });
}
