import { LINE_STATUS_EFFECTS, ORDER_STATUSES, OrderStatus } from '@loyalty/orders';
import { Out } from '@loyalty/platform';
import { MATCHING_KINDS } from '@loyalty/profiles';
import { PageInfo } from '../common/page.dto';
import { PointsAmountView } from './checkout.dto';

const TIME = '2026-11-25T10:00:00.000Z';

export class OrderPersonView {
  @Out({ enum: MATCHING_KINDS, example: 'email' })
  matching!: string;

  @Out({ nullable: true, example: 'anna@example.com' })
  email?: string | null;

  @Out({ nullable: true, example: null })
  phone?: string | null;

  @Out({ nullable: true, description: 'As sent (the matched profile is profile_id of the order)', example: null })
  profile_id?: string | null;

  @Out({ nullable: true, example: null })
  field_name?: string | null;

  @Out({ nullable: true, description: 'As text', example: null })
  field_value?: string | null;
}

/** An order without lines: an item of market/orders/list. */
export class OrderSummaryView {
  @Out({ type: 'integer', example: 42 })
  order_id!: number;

  @Out({ example: 'order_12345' })
  external_id!: string;

  @Out({ enum: ['import', 'checkout'], description: 'checkout: made by preorder_commit', example: 'import' })
  origin!: 'import' | 'checkout';

  @Out({ enum: ORDER_STATUSES, example: 'paid' })
  status!: OrderStatus;

  @Out({ example: 'website' })
  endpoint!: string;

  @Out({ type: OrderPersonView, nullable: true, description: 'null for an anonymous order' })
  person!: OrderPersonView | null;

  @Out({ nullable: true, description: 'The profile the person matched, if any', example: '6f1c2a9e8b7d4c3a2b1e0f9a' })
  profile_id!: string | null;

  @Out({ example: 'RUB' })
  currency!: string;

  @Out({ example: '2500.00' })
  total_price!: string;

  @Out({ example: '300.00' })
  delivery_cost!: string;

  @Out({ nullable: true, example: 'msk' })
  region!: string | null;

  @Out({ type: [String], example: ['online'] })
  tags!: string[];

  @Out({ type: 'object', additionalProperties: true, example: { gift_wrap: true } })
  custom_fields!: Record<string, unknown>;

  @Out({ format: 'date-time', example: TIME })
  create_time!: string;

  @Out({ format: 'date-time', example: TIME })
  update_time!: string;

  @Out({ format: 'date-time', example: TIME })
  created_at!: string;

  @Out({ format: 'date-time', example: TIME })
  updated_at!: string;
}

export class OrderLineView {
  @Out({ example: 'line_1' })
  external_id!: string;

  @Out({ nullable: true, example: 'iphone17' })
  product!: string | null;

  @Out({ nullable: true, example: 'iphone17-256-black' })
  sku!: string | null;

  @Out({ example: '1100.00' })
  base_price_per_item!: string;

  @Out({ example: '500.00' })
  min_price_per_item!: string;

  @Out({ nullable: true, example: null })
  final_price_per_item!: string | null;

  @Out({ type: 'integer', example: 2 })
  count!: number;

  @Out({ description: 'A built-in or custom line status', example: 'new' })
  status!: string;

  @Out({ type: 'integer', description: 'Units canceled or refunded so far', example: 0 })
  units_returned!: number;

  @Out({ type: 'object', additionalProperties: true, example: {} })
  custom_fields!: Record<string, unknown>;
}

export class OrderRefundView {
  @Out({ type: 'integer', example: 7 })
  refund_id!: number;

  @Out({ example: 'line_1' })
  order_line_external_id!: string;

  @Out({ description: 'The line status that returned the units', example: 'refunded' })
  status!: string;

  @Out({ enum: LINE_STATUS_EFFECTS.filter((effect) => effect !== 'none'), example: 'refunded' })
  effect!: 'canceled' | 'refunded';

  @Out({ type: 'integer', example: 1 })
  units!: number;

  @Out({ example: '1100.00' })
  money_to_refund!: string;

  @Out({ example: '0.00' })
  points_returned!: string;

  @Out({ example: '0.00' })
  points_cancelled!: string;

  @Out({ example: '0.00' })
  discount_clawed_back!: string;

  @Out({ format: 'date-time', example: TIME })
  created_at!: string;
}

const EMPTY_FOR_IMPORTED = 'Empty for imported orders (filled for orders made by preorder_commit)';

export class OrderPromotionView {
  @Out({ type: 'integer', example: 7 })
  promotion_id!: number;

  @Out({ example: 'online10' })
  external_id!: string;

  @Out({ enum: ['discount', 'points'], example: 'discount' })
  type!: 'discount' | 'points';

  @Out({ description: 'Money the promotion discounted at commit', example: '220.00' })
  discount!: string;

  @Out({ type: [PointsAmountView], description: 'Points the promotion gave at commit, by currency' })
  points_accrued!: PointsAmountView[];

  @Out({ enum: ['keep', 'reevaluate'], example: 'keep' })
  return_policy!: 'keep' | 'reevaluate';

  @Out({
    description: "A return broke the promotion's condition and its share of kept units was clawed back",
    example: false,
  })
  clawed_back!: boolean;
}

export class OrderUnitAllocationView {
  @Out({ type: 'integer', description: '0-based; returns take units from the highest index down', example: 0 })
  unit!: number;

  @Out({ example: '110.00' })
  discount!: string;

  @Out({ example: '65.00' })
  points_redeemed!: string;

  @Out({ description: 'Money value of the redeemed points', example: '65.00' })
  points_redeemed_value!: string;

  @Out({ description: 'Money paid for the unit at commit', example: '925.00' })
  paid!: string;

  @Out({ type: [PointsAmountView] })
  points_accrued!: PointsAmountView[];

  @Out({ description: 'Discount of the unit clawed back by a return while it was kept', example: '0.00' })
  discount_clawed_back!: string;

  @Out({ example: false })
  returned!: boolean;
}

export class OrderLinePromotionShareView {
  @Out({ type: 'integer', example: 7 })
  promotion_id!: number;

  @Out({ example: '220.00' })
  discount!: string;

  @Out({ type: [PointsAmountView] })
  points_accrued!: PointsAmountView[];

  @Out({ example: false })
  clawed_back!: boolean;
}

export class OrderLineAllocationView {
  @Out({ example: 'line_1' })
  order_line_external_id!: string;

  @Out({ type: 'integer', example: 2 })
  count!: number;

  @Out({ type: 'integer', example: 0 })
  units_returned!: number;

  @Out({ type: [OrderUnitAllocationView], description: 'Unit 0 first' })
  units!: OrderUnitAllocationView[];

  @Out({ type: [OrderLinePromotionShareView], description: 'What each promotion gave on the line' })
  promotions!: OrderLinePromotionShareView[];
}

export class OrderTransactionView {
  @Out({ type: 'integer', example: 1234 })
  transaction_id!: number;

  @Out({
    enum: ['accrual', 'redemption', 'cancellation', 'adjustment', 'expiration', 'initial_balance'],
    example: 'redemption',
  })
  transaction_type!: string;

  @Out({ enum: ['temporary', 'posted', 'rolled_back', 'cancelled'], example: 'posted' })
  status!: string;

  @Out({ example: 'bonus' })
  points_currency_eid!: string;

  @Out({ description: "Signed change of the member's total balance", example: '-130.00' })
  amount!: string;

  @Out({
    type: 'integer',
    nullable: true,
    description: 'The order transaction a cancellation (or an uncollected adjustment) reverses',
    example: null,
  })
  related_transaction_id!: number | null;

  @Out({
    nullable: true,
    description: 'Points an uncollected adjustment records as given up (the member had spent them)',
    example: null,
  })
  uncollected!: string | null;

  @Out({ format: 'date-time', example: TIME })
  created_at!: string;
}

export class OrderView extends OrderSummaryView {
  @Out({ type: [OrderLineView] })
  lines!: OrderLineView[];

  @Out({ type: [OrderRefundView], description: 'The refund history, oldest first' })
  refunds!: OrderRefundView[];

  @Out({ type: [OrderPromotionView], description: EMPTY_FOR_IMPORTED })
  applied_promotions!: OrderPromotionView[];

  @Out({ type: [OrderLineAllocationView], description: `Each line's allocation to units. ${EMPTY_FOR_IMPORTED}` })
  allocation!: OrderLineAllocationView[];

  @Out({
    type: [OrderTransactionView],
    description: `The order's transactions in the member's ledger (commit, returns, cancellation), oldest first. ${EMPTY_FOR_IMPORTED}`,
  })
  transactions!: OrderTransactionView[];
}

export class ListOrdersResponse extends PageInfo {
  @Out({ type: [OrderSummaryView] })
  items!: OrderSummaryView[];

  @Out({ type: 'integer', example: 1 })
  total_count!: number;
}

export class OrderStatusLineView {
  @Out({ example: 'line_1' })
  external_id!: string;

  @Out({ example: 'delivered' })
  status!: string;

  @Out({ type: 'integer', example: 2 })
  count!: number;

  @Out({ type: 'integer', example: 0 })
  units_returned!: number;
}

export class OrderStatusView {
  @Out({ example: 'order_12345' })
  external_id!: string;

  @Out({ enum: ORDER_STATUSES, example: 'delivered' })
  status!: OrderStatus;

  @Out({ format: 'date-time', example: TIME })
  update_time!: string;

  @Out({ type: [OrderStatusLineView] })
  lines!: OrderStatusLineView[];
}

export class DeleteOrderResponse {
  @Out({ type: 'integer', example: 42 })
  order_id!: number;

  @Out({ example: 'order_12345' })
  external_id!: string;
}

export class LineStatusChangeView {
  @Out({ example: 'order_12345' })
  order_external_id!: string;

  @Out({ example: 'line_1' })
  order_line_external_id!: string;

  @Out({ type: 'integer', description: 'Units returned by this call (0 for a status without effect)', example: 1 })
  units_returned!: number;

  @Out({
    description:
      'Imported orders: units × (final_price_per_item ?? base_price_per_item). Orders made by preorder_commit: ' +
      "what the units' allocation paid (plus discount clawed back from them earlier), less discount_clawed_back",
    example: '1100.00',
  })
  money_to_refund!: string;

  @Out({ description: 'Redeemed points given back to their lots (0 for imported orders)', example: '0.00' })
  points_returned!: string;

  @Out({
    description:
      "Accrued points cancelled, in the order's main currency (the redemption's, else the first accrual's); " +
      'parts the member had spent are included (debt or uncollected)',
    example: '0.00',
  })
  points_cancelled!: string;

  @Out({
    description: 'Discount of kept units taken back because a return broke a reevaluate promotion',
    example: '0.00',
  })
  discount_clawed_back!: string;
}
