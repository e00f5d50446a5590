import { formatRfc3339, MinorDigits, Money, Points } from '@loyalty/kernel';
import type { OrderLedgerTransaction } from '@loyalty/loyalty';
import type { OrderCheckout, StoredPoints } from '../domain/order-checkout';
import type { OrderLine } from '../entities/order-line.entity';

/*
 * The loyalty parts of `market/orders/get` for an order made by `preorder_commit`: the applied
 * promotions, each line's allocation to units, and the order's transactions in the ledger.
 */

export interface PointsView {
  points_currency_eid: string;
  amount: string;
}

export interface OrderPromotionView {
  promotion_id: number;
  external_id: string;
  type: 'discount' | 'points';
  discount: string;
  points_accrued: PointsView[];
  return_policy: 'keep' | 'reevaluate';
  /** A return broke the promotion's condition and its share of the kept units was clawed back. */
  clawed_back: boolean;
}

export interface OrderUnitView {
  /** 0-based; returns take units from the highest index down. */
  unit: number;
  discount: string;
  points_redeemed: string;
  points_redeemed_value: string;
  paid: string;
  points_accrued: PointsView[];
  /** Discount of the unit clawed back by a return while it was kept. */
  discount_clawed_back: string;
  returned: boolean;
}

export interface OrderLineAllocationView {
  order_line_external_id: string;
  count: number;
  units_returned: number;
  units: OrderUnitView[];
  promotions: Array<{ promotion_id: number; discount: string; points_accrued: PointsView[]; clawed_back: boolean }>;
}

export interface OrderTransactionView {
  transaction_id: number;
  transaction_type: string;
  status: string;
  points_currency_eid: string;
  /** Signed change of the member's total balance. */
  amount: string;
  /** The order transaction a cancellation (or an uncollected adjustment) reverses. */
  related_transaction_id: number | null;
  /** Points an uncollected adjustment records as given up (null otherwise). */
  uncollected: string | null;
  created_at: string;
}

export interface OrderLoyaltyView {
  applied_promotions: OrderPromotionView[];
  allocation: OrderLineAllocationView[];
  transactions: OrderTransactionView[];
}

const pointsView = (points: readonly StoredPoints[]): PointsView[] =>
  points.map((entry) => ({
    points_currency_eid: entry.points_currency_eid,
    amount: Points.format(BigInt(entry.amount)),
  }));

export function orderLoyaltyView(
  checkout: OrderCheckout,
  lines: readonly OrderLine[],
  transactions: readonly OrderLedgerTransaction[],
  digits: MinorDigits,
): OrderLoyaltyView {
  const money = (minor: string) => Money.format(BigInt(minor), digits);
  const clawed = new Set(
    lines.flatMap((line) =>
      (line.allocation?.promotions ?? []).filter((share) => share.clawed_back).map((share) => share.promotion_id),
    ),
  );
  return {
    applied_promotions: checkout.promotions.map((promotion) => ({
      promotion_id: promotion.promotion_id,
      external_id: promotion.external_id,
      type: promotion.type,
      discount: money(promotion.discount),
      points_accrued: pointsView(promotion.accrued),
      return_policy: promotion.return_policy,
      clawed_back: clawed.has(promotion.promotion_id),
    })),
    allocation: lines.map((line) => {
      const units = line.allocation?.units ?? [];
      const kept = line.count - line.unitsReturned;
      return {
        order_line_external_id: line.externalId,
        count: line.count,
        units_returned: line.unitsReturned,
        units: units.map((unit, index) => ({
          unit: index,
          discount: money(unit.discount),
          points_redeemed: Points.format(BigInt(unit.redeemed_points)),
          points_redeemed_value: money(unit.redeemed_value),
          paid: money(unit.paid),
          points_accrued: pointsView(unit.accrued),
          discount_clawed_back: money(unit.clawed_back ?? '0'),
          returned: index >= kept,
        })),
        promotions: (line.allocation?.promotions ?? []).map((share) => ({
          promotion_id: share.promotion_id,
          discount: money(share.discount),
          points_accrued: pointsView(share.accrued),
          clawed_back: share.clawed_back === true,
        })),
      };
    }),
    transactions: transactions.map((transaction) => ({
      transaction_id: transaction.transactionId,
      transaction_type: transaction.type,
      status: transaction.status,
      points_currency_eid: transaction.currencyEid,
      amount: Points.format(transaction.amount),
      related_transaction_id: transaction.relatedTransactionId,
      uncollected:
        typeof transaction.externalData?.['uncollected'] === 'string'
          ? (transaction.externalData['uncollected'] as string)
          : null,
      created_at: formatRfc3339(transaction.createdAt),
    })),
  };
}
