import type { EventType } from './outbox-event-types';
import type { JsonSchema } from './json-schema';

/**
 * The JSON Schema of each event's `data` (spec/api.md §9): exactly the payload the code writes to
 * the outbox, which a delivery sends unchanged. Points are decimal strings with 2 fraction digits;
 * money has its currency's minor digits; ids are integers except profile ids (text).
 */
const DRAFT = 'https://json-schema.org/draft/2020-12/schema';
const id = { type: 'integer', minimum: 1 } as const satisfies JsonSchema;
const text = { type: 'string' } as const satisfies JsonSchema;
const instant = { type: 'string', format: 'date-time' } as const satisfies JsonSchema;
const points = { type: 'string', pattern: '^-?\\d+\\.\\d{2}$' } as const satisfies JsonSchema;
const money = { type: 'string', pattern: '^-?\\d+(\\.\\d{1,3})?$' } as const satisfies JsonSchema;
const ids = { type: 'array', items: id } as const satisfies JsonSchema;
const pointsByCurrency: JsonSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: { points_currency_eid: text, amount: points },
    required: ['points_currency_eid', 'amount'],
    additionalProperties: false,
  },
};

function object(title: string, properties: Record<string, JsonSchema>, optional: string[] = []): JsonSchema {
  return {
    $schema: DRAFT,
    title,
    type: 'object',
    properties,
    required: Object.keys(properties).filter((key) => !optional.includes(key)),
    additionalProperties: false,
  };
}

const pointsMovement = (title: string) =>
  object(title, {
    loyalty_program_id: id,
    profile_id: text,
    points_currency_eid: text,
    transaction_id: id,
    transaction_eid: { type: ['string', 'null'] },
    transaction_type: text,
    amount: { ...points, description: 'Signed as the ledger stores it: negative for redemptions and write-offs' },
  });

const orderBase = {
  order_id: id,
  external_id: text,
  profile_id: { type: ['string', 'null'] },
  loyalty_program_id: id,
} satisfies Record<string, JsonSchema>;

export const EVENT_DATA_SCHEMAS: Record<EventType, JsonSchema> = {
  'member.registered': object('A profile became a member of a program', {
    loyalty_program_id: id,
    profile_id: text,
    registered_at: instant,
  }),
  'member.deleted': object('A member left a program; remaining points were written off', {
    loyalty_program_id: id,
    profile_id: text,
    deleted_at: instant,
  }),
  'points.accrued': pointsMovement('Points were accrued (a final transaction)'),
  'points.redeemed': pointsMovement('Points were redeemed (a final transaction)'),
  'points.activated': object('Pending points became active (a lot reached its activation instant)', {
    loyalty_program_id: id,
    profile_id: text,
    points_currency_eid: text,
    transaction_id: { ...id, description: 'The accrual whose lot activated' },
    lot_id: id,
    amount: { ...points, description: 'What left pending' },
    debt_paid: { ...points, description: 'The part of amount that paid points owed' },
    activated_at: instant,
  }),
  'points.expiring': object('Points will expire (one notice per member, currency, local expiry date and notice day)', {
    loyalty_program_id: id,
    profile_id: text,
    points_currency_eid: text,
    amount: { ...points, description: 'The remaining points of the lots expiring that local day' },
    expiry_date: { type: 'string', format: 'date', description: "The local expiry date in the program's zone" },
    expires_before: { ...instant, description: 'The instant that day ends: the points are gone from then' },
    notice_days: { type: 'integer', minimum: 0 },
  }),
  'points.expired': pointsMovement('Points expired'),
  'points.cancelled': pointsMovement('A transaction was cancelled'),
  'tier.changed': object('A member reached a tier', {
    loyalty_program_id: id,
    profile_id: text,
    tiers_group_id: id,
    tier_id: id,
    tier_eid: text,
    tier_order: { type: 'integer' },
    threshold: points,
    reached_at: instant,
  }),
  'order.committed': object('An order was committed by preorder_commit', {
    ...orderBase,
    final_total_price: money,
    points_redeemed: points,
    points_accrued: points,
  }),
  'order.canceled': object('A committed order was cancelled', {
    ...orderBase,
    money_to_refund: money,
    points_returned: points,
    points_cancelled: pointsByCurrency,
    released_promotion_ids: ids,
    promo_code_ids: ids,
  }),
  'order.refunded': object('Units of an order line were returned', {
    ...orderBase,
    order_line_external_id: text,
    status: text,
    units_returned: { type: 'integer', minimum: 1 },
    money_to_refund: money,
    points_returned: points,
    points_cancelled: pointsByCurrency,
    discount_clawed_back: money,
  }),
  'promocode.activated': object('A promo code was used in a committed order', {
    loyalty_id: id,
    code: text,
    uses: { type: 'integer', minimum: 1 },
    db_id: { type: ['integer', 'null'] },
    profile_id: { type: ['string', 'null'] },
    activated_at: instant,
  }),
  'scenario.node_failed': object('A scenario node failed', {
    scenario_id: id,
    run_id: id,
    node_id: text,
    code: text,
    error: text,
  }),
};

/** The `data` of a `hooks/test` delivery. */
export const HOOK_TEST_DATA_SCHEMA: JsonSchema = object('A test event sent by hooks/test', {
  hook_id: id,
  message: text,
});

/** The body of every delivery around `data`. */
export const HOOK_BODY_SCHEMA: JsonSchema = object('An action-hook delivery', {
  event_id: { type: 'string', format: 'uuid' },
  event_type: text,
  occurred_at: instant,
  account_id: id,
  sequence: { type: 'integer', minimum: 0 },
  data: { type: 'object' },
});
