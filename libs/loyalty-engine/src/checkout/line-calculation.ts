import { PointsPrecision } from '@loyalty/kernel';
import { listTotal } from './list-total';
import { PointsTally } from './points-tally';
import { LineCalculation, LinePromotionShare, PointsByCurrency, PricingCurrency, PricingLine } from './pricing-types';
import { allocateUnits } from './unit-allocation';

/** Everything decided about one line, before it is shared out over its units. */
export interface LineDecisions {
  readonly line: PricingLine;
  readonly partnerId: number | null;
  /** Promotions' and partner's discounts together. */
  readonly discount: bigint;
  readonly partnerDiscount: bigint;
  readonly redeemedPoints: bigint;
  readonly redeemedValue: bigint;
  readonly promotions: readonly LinePromotionShare[];
  readonly partnerAccrued: readonly PointsByCurrency[];
}

export function lineCalculation(
  decisions: LineDecisions,
  redemptionPrecision: PointsPrecision,
  currencies: readonly PricingCurrency[],
): LineCalculation {
  const { line, discount, redeemedPoints, redeemedValue } = decisions;
  const accrued = new PointsTally().addAll(decisions.partnerAccrued);
  decisions.promotions.forEach((share) => accrued.addAll(share.accrued));
  const total = listTotal(line);
  const finalTotal = total - discount - redeemedValue;
  const accruedList = accrued.list(currencies);
  return {
    externalId: line.externalId,
    count: line.count,
    unitPrice: line.unitPrice,
    listTotal: total,
    discount,
    redeemedPoints,
    redeemedValue,
    finalTotal,
    finalPricePerItem: finalTotal / BigInt(line.count),
    accrued: accruedList,
    partnerId: decisions.partnerId,
    partnerDiscount: decisions.partnerDiscount,
    partnerAccrued: decisions.partnerAccrued,
    promotions: decisions.promotions,
    units: allocateUnits(
      line,
      { discount, redeemedPoints, redeemedValue, accrued: accruedList },
      redemptionPrecision,
      currencies,
    ),
  };
}
