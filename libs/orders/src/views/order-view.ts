import { formatRfc3339, MinorDigits, Money, Points } from '@loyalty/kernel';
import type { OrderLine } from '../entities/order-line.entity';
import type { OrderRefund } from '../entities/order-refund.entity';
import type { Order, OrderPerson } from '../entities/order.entity';
import type { OrderStatus } from '../domain/order-statuses';
import type {
  OrderLineAllocationView,
  OrderLoyaltyView,
  OrderPromotionView,
  OrderTransactionView,
} from './order-loyalty-view';

/** An order without its lines: an item of `market/orders/list`, and the head of `market/orders/get`. */
export interface OrderSummaryView {
  order_id: number;
  external_id: string;
  origin: 'import' | 'checkout';
  status: OrderStatus;
  endpoint: string;
  person: OrderPerson | null;
  profile_id: string | null;
  currency: string;
  total_price: string;
  delivery_cost: string;
  region: string | null;
  tags: string[];
  custom_fields: Record<string, unknown>;
  create_time: string;
  update_time: string;
  created_at: string;
  updated_at: string;
}

export interface OrderLineView {
  external_id: string;
  product: string | null;
  sku: string | null;
  base_price_per_item: string;
  min_price_per_item: string;
  final_price_per_item: string | null;
  count: number;
  status: string;
  units_returned: number;
  custom_fields: Record<string, unknown>;
}

export interface OrderRefundView {
  refund_id: number;
  order_line_external_id: string;
  status: string;
  effect: 'canceled' | 'refunded';
  units: number;
  money_to_refund: string;
  points_returned: string;
  points_cancelled: string;
  discount_clawed_back: string;
  created_at: string;
}

/**
 * `market/orders/get`. The loyalty parts (the applied promotions, each line's allocation to units
 * and the order's ledger transactions) stay empty for imported orders.
 */
export interface OrderView extends OrderSummaryView {
  lines: OrderLineView[];
  refunds: OrderRefundView[];
  applied_promotions: OrderPromotionView[];
  allocation: OrderLineAllocationView[];
  transactions: OrderTransactionView[];
}

export function orderSummaryView(order: Order, digits: MinorDigits): OrderSummaryView {
  return {
    order_id: order.id,
    external_id: order.externalId,
    origin: order.origin,
    status: order.status,
    endpoint: order.endpoint,
    person: order.person,
    profile_id: order.profileId,
    currency: order.currency,
    total_price: Money.format(order.totalPrice, digits),
    delivery_cost: Money.format(order.deliveryCost, digits),
    region: order.region,
    tags: order.tags,
    custom_fields: order.customFields,
    create_time: formatRfc3339(order.createTime),
    update_time: formatRfc3339(order.updateTime),
    created_at: formatRfc3339(order.createdAt),
    updated_at: formatRfc3339(order.updatedAt),
  };
}

export function orderLineView(line: OrderLine, digits: MinorDigits): OrderLineView {
  return {
    external_id: line.externalId,
    product: line.product,
    sku: line.sku,
    base_price_per_item: Money.format(line.basePricePerItem, digits),
    min_price_per_item: Money.format(line.minPricePerItem, digits),
    final_price_per_item: line.finalPricePerItem === null ? null : Money.format(line.finalPricePerItem, digits),
    count: line.count,
    status: line.status,
    units_returned: line.unitsReturned,
    custom_fields: line.customFields,
  };
}

export function orderRefundView(refund: OrderRefund, lineExternalId: string, digits: MinorDigits): OrderRefundView {
  return {
    refund_id: refund.id,
    order_line_external_id: lineExternalId,
    status: refund.status,
    effect: refund.effect,
    units: refund.units,
    money_to_refund: Money.format(refund.moneyToRefund, digits),
    points_returned: Points.format(refund.pointsReturned),
    points_cancelled: Points.format(refund.pointsCancelled),
    discount_clawed_back: Money.format(refund.discountClawedBack, digits),
    created_at: formatRfc3339(refund.createdAt),
  };
}

export function orderView(
  order: Order,
  lines: readonly OrderLine[],
  refunds: readonly OrderRefund[],
  digits: MinorDigits,
  loyalty: OrderLoyaltyView | null = null,
): OrderView {
  const lineExternalIds = new Map(lines.map((line) => [line.id, line.externalId]));
  return {
    ...orderSummaryView(order, digits),
    lines: lines.map((line) => orderLineView(line, digits)),
    refunds: refunds.map((refund) => orderRefundView(refund, lineExternalIds.get(refund.line) ?? '', digits)),
    applied_promotions: loyalty?.applied_promotions ?? [],
    allocation: loyalty?.allocation ?? [],
    transactions: loyalty?.transactions ?? [],
  };
}
