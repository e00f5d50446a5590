import { categoryMembership } from './category-ancestry';
import { defineField, fieldsByCode } from './condition-field';
import { ConditionScope } from './condition-scope';
import { minorUnitsToHundredths } from './condition-decimals';
import {
  booleanKind,
  decimalKind,
  externalIdMembershipKind,
  hourKind,
  identityKind,
  integerKind,
  segmentKind,
  weekdayKind,
} from './field-kinds';
import { listKind } from './list-kind';
import { LineFacts, OrderFacts } from './order-facts';

/** The facts an order-scope leaf reads: the order, and the line being tested when the tree is a line condition. */
export interface OrderConditionContext {
  readonly order: OrderFacts;
  readonly itemsCount: number;
  readonly line: LineFacts | undefined;
}

const orAbsent = <T>(value: T | null) => (value === null ? undefined : value);
const line = { isLineField: true };

const ORDER_FIELDS = fieldsByCode<OrderConditionContext>([
  defineField('channel', identityKind, ({ order }) => orAbsent(order.channel)),
  defineField('endpoint', identityKind, ({ order }) => orAbsent(order.endpoint)),
  defineField('region', identityKind, ({ order }) => orAbsent(order.region)),
  defineField('currency', identityKind, ({ order }) => order.currency),
  defineField('goods_total', decimalKind, ({ order }) => minorUnitsToHundredths(order.goodsTotal, order.minorDigits)),
  defineField('total_price', decimalKind, ({ order }) => minorUnitsToHundredths(order.totalPrice, order.minorDigits)),
  defineField('items_count', integerKind, ({ itemsCount }) => itemsCount),
  defineField('lines_count', integerKind, ({ order }) => order.lines.length),
  defineField('order.tags', listKind, ({ order }) => order.tags),
  defineField('line.product', identityKind, (context) => context.line?.product, line),
  defineField('line.sku', identityKind, (context) => orAbsent(context.line?.sku ?? null), line),
  defineField(
    'line.category',
    externalIdMembershipKind,
    (context) => context.line && categoryMembership(context.line.categories, context.order.categories),
    line,
  ),
  defineField(
    'line.product_segment',
    segmentKind,
    ({ order, line: current }) => current && { has: (segmentId: number) => order.inProductSegment(segmentId, current) },
    line,
  ),
  defineField(
    'line.price',
    decimalKind,
    (context) => context.line && minorUnitsToHundredths(context.line.price, context.order.minorDigits),
    line,
  ),
  defineField('member.tier', externalIdMembershipKind, ({ order }) =>
    order.member !== null && order.member.tiers.size > 0 ? order.member.tiers : undefined,
  ),
  defineField('member.is_member', booleanKind, ({ order }) => order.member !== null),
  defineField('member.registered_days', integerKind, ({ order }) => order.member?.registeredDays),
  defineField('now.weekday', weekdayKind, ({ order }) => order.now.weekday),
  defineField('now.hour', hourKind, ({ order }) => order.now.hour),
  defineField('order_segment', segmentKind, ({ order }) => ({
    has: (segmentId: number) => order.inOrderSegment(segmentId),
  })),
]);

/** The fields of checkout conditions and order segments (spec rules.md §6). */
export const ORDER_SCOPE: ConditionScope<OrderConditionContext> = {
  fields: ORDER_FIELDS,
  customFieldFamilies: [
    { prefix: 'order.custom_fields.', entity: 'order', isLineField: false, facts: ({ order }) => order.customFields },
    {
      prefix: 'line.custom_fields.',
      entity: 'line_order',
      isLineField: true,
      facts: (context) => context.line?.customFields,
    },
    {
      prefix: 'profile.custom_fields.',
      entity: 'profile',
      isLineField: false,
      facts: ({ order }) => order.profileCustomFields,
    },
  ],
};
