import { EVENT_DATA_SCHEMAS, HOOK_BODY_SCHEMA, HOOK_TEST_DATA_SCHEMA } from './event-schemas';
import { validateJson } from './json-schema';
import { EVENT_TYPES } from './outbox-event-types';

describe('event data schemas', () => {
  it('has one object schema per event type, every property required unless said otherwise', () => {
    expect(Object.keys(EVENT_DATA_SCHEMAS).sort()).toEqual([...EVENT_TYPES].sort());
    for (const schema of Object.values(EVENT_DATA_SCHEMAS)) {
      expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
      expect(schema.required?.length).toBeGreaterThan(0);
    }
  });

  // Payloads shaped as the writers build them (member-ledger queue(), membership, delete-member,
  // tier-keeper, commit-preorder, committed-order-returns, promo-code-checkout); the end-to-end
  // hooks test checks the payloads the running code actually sends.
  it.each([
    ['member.registered', { loyalty_program_id: 1, profile_id: 'p_1', registered_at: '2026-03-15T10:00:00.000Z' }],
    ['member.deleted', { loyalty_program_id: 1, profile_id: 'p_1', deleted_at: '2026-03-15T10:00:00.000Z' }],
    [
      'points.accrued',
      {
        loyalty_program_id: 1,
        profile_id: 'p_1',
        points_currency_eid: 'bonus',
        transaction_id: 7,
        transaction_eid: 'tx-7',
        transaction_type: 'accrual',
        amount: '100.00',
      },
    ],
    [
      'tier.changed',
      {
        loyalty_program_id: 1,
        profile_id: 'p_1',
        tiers_group_id: 2,
        tier_id: 3,
        tier_eid: 'gold',
        tier_order: 2,
        threshold: '1000.00',
        reached_at: '2026-03-15T10:00:00.000Z',
      },
    ],
    [
      'order.refunded',
      {
        order_id: 4,
        external_id: 'order-4',
        profile_id: null,
        loyalty_program_id: 1,
        order_line_external_id: 'l1',
        status: 'returned',
        units_returned: 1,
        money_to_refund: '90.00',
        points_returned: '0.00',
        points_cancelled: [{ points_currency_eid: 'bonus', amount: '9.00' }],
        discount_clawed_back: '0.00',
      },
    ],
    [
      'promocode.activated',
      { loyalty_id: 1, code: 'SALE-1', uses: 1, db_id: null, profile_id: null, activated_at: '2026-03-15T10:00:00Z' },
    ],
  ] as const)('accepts a %s payload as the code writes it', (type, data) => {
    expect(validateJson(EVENT_DATA_SCHEMAS[type], data)).toEqual([]);
  });

  it('names every place a payload breaks its schema', () => {
    expect(
      validateJson(EVENT_DATA_SCHEMAS['points.redeemed'], {
        loyalty_program_id: '1',
        profile_id: 'p_1',
        points_currency_eid: 'bonus',
        transaction_id: 1.5,
        transaction_eid: null,
        transaction_type: 'redemption',
        amount: '10.5',
        extra: true,
      }),
    ).toEqual([
      '$.loyalty_program_id: is string, expected integer',
      '$.transaction_id: is number, expected integer',
      '$.amount: does not match ^-?\\d+\\.\\d{2}$',
      '$.extra: is not allowed',
    ]);
    expect(
      validateJson(EVENT_DATA_SCHEMAS['member.deleted'], { profile_id: 'p', deleted_at: '2026-03-15 10:00' }),
    ).toEqual(['$.loyalty_program_id: is required', '$.deleted_at: is not an RFC 3339 date-time']);
  });

  it('describes the delivery body and the hooks/test data', () => {
    const body = {
      event_id: '0b8f6c1e-2a4d-4c6b-9f1e-7a3d5c2b1e90',
      event_type: 'hook.test',
      occurred_at: '2026-03-15T10:00:00.000Z',
      account_id: 1,
      sequence: 0,
      data: { hook_id: 1, message: 'A test event from hooks/test' },
    };
    expect(validateJson(HOOK_BODY_SCHEMA, body)).toEqual([]);
    expect(validateJson(HOOK_TEST_DATA_SCHEMA, body.data)).toEqual([]);
    expect(validateJson(HOOK_BODY_SCHEMA, { ...body, event_id: 'nope' })).toEqual(['$.event_id: is not a UUID']);
  });
});
