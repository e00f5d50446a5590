import { MinorDigits, Money, Points } from '@loyalty/kernel';
import type { LineReturnPlan } from '../domain/line-return';

/** The answer of `market/orders/update_order_line_status`: what this call returned (zeros for a status without effect). */
export interface LineStatusChangeView {
  order_external_id: string;
  order_line_external_id: string;
  units_returned: number;
  money_to_refund: string;
  points_returned: string;
  points_cancelled: string;
  discount_clawed_back: string;
}

export function lineStatusChangeView(
  orderExternalId: string,
  lineExternalId: string,
  plan: LineReturnPlan | null,
  digits: MinorDigits,
): LineStatusChangeView {
  return {
    order_external_id: orderExternalId,
    order_line_external_id: lineExternalId,
    units_returned: plan?.units ?? 0,
    money_to_refund: Money.format(plan?.moneyToRefund ?? 0n, digits),
    points_returned: Points.format(plan?.pointsReturned ?? 0n),
    points_cancelled: Points.format(plan?.pointsCancelled ?? 0n),
    discount_clawed_back: Money.format(plan?.discountClawedBack ?? 0n, digits),
  };
}
