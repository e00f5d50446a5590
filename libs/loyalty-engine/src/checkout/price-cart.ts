import { bigintSum } from '@loyalty/kernel';
import { accruePromotions } from './accrual';
import { arbitrate } from './arbitration';
import { selectCandidates } from './candidates';
import { DiscountState } from './discount-state';
import { LineAmounts } from './line-amounts';
import { lineCalculation } from './line-calculation';
import { linePromotionShares } from './line-promotion-shares';
import { listTotal } from './list-total';
import { applyPartnerDiscounts } from './partner-discounts';
import { partnerPoints } from './partner-points';
import { matchPartners } from './partners';
import { PointsTally } from './points-tally';
import { AccruedTotal, CartCalculation, PointsByCurrency, PricingInput } from './pricing-types';
import { promoCodeOutcomes } from './promo-code-outcomes';
import { promotionOutcomes } from './promotion-outcomes';
import { decideRedemption } from './redemption';
import { redemptionShares } from './redemption-shares';
import { splitRedemption } from './redemption-split';
import { DELIVERY } from './slots';

/**
 * The checkout calculation of spec rules.md §4: a pure function of the cart, the member, the
 * catalog facts, the promotions, the program and `now`, shared by `preorder`, `preorder_commit`
 * and `promotions/simulate`. Steps in order: candidates, discounts by arbitration (partner
 * discounts last), redemption, accrual, allocation to lines and units.
 */
export function priceCart(input: PricingInput): CartCalculation {
  const { program } = input;
  const partners = matchPartners(input);
  const selection = selectCandidates(input);
  const state = DiscountState.fresh(input);
  const arbitration = arbitrate(input, selection.candidates, state);
  const partnerDiscounts = applyPartnerDiscounts(partners, state);

  const shares = redemptionShares(input, partners, arbitration.steps);
  const { outcome: redemption, currency: redemptionCurrency } = decideRedemption(input, state, shares);
  const redemptionPrecision = redemptionCurrency?.precision ?? 2;
  const rooms = shares.map((share, line) => (share.eligible ? state.floorRoomOf(line) : 0n));
  const redeemed = splitRedemption(redemption.applied, redemption.appliedValue, rooms, redemptionPrecision);

  const amounts: LineAmounts[] = input.lines.map((line, index) => ({
    list: listTotal(line),
    discounted: state.lineRunning(index),
    paid: state.lineRunning(index) - redeemed.values[index],
    count: line.count,
  }));
  const accruals = input.member === null ? [] : accruePromotions(input, arbitration.steps, amounts);
  const partnerAccrued = partnerPoints(input, partners, amounts, accruals);
  const promotionShares = linePromotionShares(input.lines.length, arbitration.steps, accruals, program.currencies);

  const lines = input.lines.map((line, index) =>
    lineCalculation(
      {
        line,
        partnerId: partners[index]?.id ?? null,
        discount: state.lineDiscount(index),
        partnerDiscount: partnerDiscounts[index],
        redeemedPoints: redeemed.points[index],
        redeemedValue: redeemed.values[index],
        promotions: promotionShares[index],
        partnerAccrued: partnerAccrued[index],
      },
      redemptionPrecision,
      program.currencies,
    ),
  );

  const outcomes = promotionOutcomes(arbitration, accruals, shares, redeemed.points, program.currencies);
  const goodsTotal = bigintSum(lines.map((line) => line.listTotal));
  const deliveryDiscount = input.deliveryCost - state.runningOf(DELIVERY);
  const discountTotal = bigintSum(lines.map((line) => line.discount)) + deliveryDiscount;
  const totalPrice = goodsTotal + input.deliveryCost;
  return {
    goodsTotal,
    deliveryCost: input.deliveryCost,
    totalPrice,
    discountTotal,
    deliveryDiscount,
    pointsRedeemed: redemption.applied,
    pointsRedeemedValue: redemption.appliedValue,
    finalTotal: totalPrice - discountTotal - redemption.appliedValue,
    lines,
    accrued: accruedTotals(input, lines, partnerAccrued),
    applied: outcomes.applied,
    rejected: [...selection.rejected, ...outcomes.rejected].sort((a, b) => a.promotionId - b.promotionId),
    redemption,
    promoCodes: promoCodeOutcomes(input.promoCodes, input.promotions, outcomes.applied),
  };
}

function accruedTotals(
  input: PricingInput,
  lines: CartCalculation['lines'],
  partnerAccrued: readonly (readonly PointsByCurrency[])[],
): AccruedTotal[] {
  const total = new PointsTally();
  lines.forEach((line) => total.addAll(line.accrued));
  const funded = new PointsTally();
  partnerAccrued.forEach((points) => funded.addAll(points));
  return total
    .list(input.program.currencies)
    .map((entry) => ({ ...entry, partnerFunded: funded.get(entry.points_currency_eid) }));
}
