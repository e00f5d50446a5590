import { CartCalculation, PricingInput } from '../../checkout/pricing-types';
import { CommittedLine, Reevaluation } from '../committed-allocation';

/** A committed order's lines as a return reads them, straight from a calculation (nothing returned yet). */
export function committedLines(calculation: CartCalculation): CommittedLine[] {
  return calculation.lines.map((line) => ({
    unitsReturned: 0,
    units: line.units.map((unit) => ({ ...unit, clawedBack: 0n })),
    promotions: line.promotions.map((share) => ({
      promotionId: share.promotionId,
      discount: share.discount,
      clawedBack: false,
    })),
  }));
}

/** Re-evaluation of the given promotions of a priced cart, on its own facts. */
export function reevaluationOf(input: PricingInput, promotionIds: readonly number[]): Reevaluation {
  return {
    facts: input.order,
    promotions: input.promotions
      .filter((promotion) => promotionIds.includes(promotion.id))
      .map((promotion) => ({ promotionId: promotion.id, condition: promotion.condition })),
  };
}
