import { E2eStack, startE2eStack } from '@loyalty/testing';
import {
  createAccount,
  createDatabase,
  Envelope,
  expectFailure,
  expectSuccess,
  TestAccount,
} from './support/e2e-helpers';

type Promotion = Record<string, unknown> & { id: number; external_id: string; is_active: boolean };
type Page<T> = { items: T[]; next_from_id: number | null; total_count: number };

/** loyalty/promotions/* and loyalty/trigger_promotions over HTTP (spec api.md §6, §7). */
describe('loyalty configuration: promotions', () => {
  let stack: E2eStack;
  let a: TestAccount;
  let b: TestAccount;
  let programId: number;
  let birthdayId: number;

  const call = <T>(method: string, body: unknown, token: string) => stack.call<Envelope<T>>(method, body, token);
  const ok = async <T>(method: string, body: unknown, token = a.admin) =>
    expectSuccess(await call<T>(method, body, token));
  const paths = (failure: { details: { fields?: { path: string }[] } }) => [
    ...new Set(failure.details.fields?.map((field) => field.path)),
  ];
  const trigger = (patch: Record<string, unknown>) => ({
    loyalty_program_id: programId,
    type: 'trigger',
    name: 'Promo',
    external_id: 'promo',
    is_active: true,
    accrual_rules: [{ points_currency_eid: 'bonus', static_amount: '10' }],
    ...patch,
  });

  beforeAll(async () => {
    stack = await startE2eStack('loyalty-config-promotions');
    await fetch(`${stack.apiUrl}/test/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now: '2026-01-05T08:00:00.000Z' }),
    });
    a = await createAccount(stack, 'Promotions A');
    b = await createAccount(stack, 'Promotions B');
    const dbId = await createDatabase(stack, a.admin, 'Customers');
    programId = (
      await ok<{ loyalty_program_id: number }>('loyalty/programs/create', {
        name: 'Club',
        external_id: 'club',
        db_id: dbId,
        currency: 'RUB',
        timezone: 'Europe/Moscow',
      })
    ).loyalty_program_id;
    for (const [external_id, type, precision] of [
      ['bonus', 'standard', 2],
      ['whole', 'standard', 0],
      ['qp', 'qualification', 2],
    ] as const) {
      await ok('loyalty/points_currencies/create', {
        loyalty_program_id: programId,
        name: external_id,
        external_id,
        type,
        precision,
      });
    }
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("create answers {id, external_id}; get answers every field, dates alone read in the program's zone", async () => {
    const created = await ok<{ id: number; external_id: string }>('loyalty/promotions/create', {
      loyalty_program_id: programId,
      type: 'trigger',
      name: 'Birthday',
      external_id: 'birthday',
      description: '100 points on the birthday',
      start_date: '2026-01-01',
      end_date: '2026-01-25',
      is_active: true,
      limits: { per_member: 1, per_member_period: 'year', budget: 50000 },
      accrual_rules: [{ points_currency_eid: 'bonus', static_amount: 100, min_amount: '10', max_amount: 500.5 }],
      redeem_rules: [{ points_currency_eid: 'whole', max_amount: '1000' }],
    });
    birthdayId = created.id;
    expect(created).toEqual({ id: birthdayId, external_id: 'birthday' });
    const view = {
      id: birthdayId,
      loyalty_program_id: programId,
      type: 'trigger',
      name: 'Birthday',
      external_id: 'birthday',
      description: '100 points on the birthday',
      start_date: '2025-12-31T21:00:00.000Z',
      end_date: '2026-01-25T20:59:59.999Z',
      is_active: true,
      priority: 0,
      stacking: 'combinable',
      conditions: null,
      limits: { per_member: 1, per_member_period: 'year', total_uses: null, budget: '50000.00' },
      promo_code_program_id: null,
      return_policy: 'keep',
      accrual_rules: [
        { points_currency_eid: 'bonus', static_amount: '100.00', min_amount: '10.00', max_amount: '500.50' },
      ],
      redeem_rules: [{ points_currency_eid: 'whole', static_amount: null, min_amount: null, max_amount: '1000.00' }],
      discount: null,
      accrual: null,
      redemption: null,
      uses_count: 0,
      budget_used: '0.00',
      created_at: '2026-01-05T08:00:00.000Z',
      updated_at: '2026-01-05T08:00:00.000Z',
    };
    expect(
      await ok('loyalty/promotions/get', { loyalty_program_id: programId, promotion_id: birthdayId }, a.read),
    ).toEqual(view);
    expect(
      await ok('loyalty/promotions/get', { loyalty_program_id: programId, promotion_id: 'birthday' }, a.integration),
    ).toEqual(view);
  });

  it('error 17 for checkout promotions while no sales channel is bound to the database', async () => {
    for (const body of [
      trigger({
        type: 'discount',
        external_id: 'sale',
        accrual_rules: null,
        discount: { kind: 'percent', value: '10', target: 'order' },
      }),
      trigger({
        type: 'points',
        external_id: 'x2',
        accrual_rules: null,
        accrual: { kind: 'multiplier', value: '2', points_currency_eid: 'bonus' },
      }),
    ]) {
      const failure = expectFailure(await call('loyalty/promotions/create', body, a.admin), 409, 17, 'MARKET_REQUIRED');
      expect(failure.error_text).toMatch(
        /^Checkout promotions need catalog data: no sales channel is bound to database/,
      );
    }
  });

  it('error 18 for an unknown currency or promo-code program; error 5 for a taken external id', async () => {
    const unknown = expectFailure(
      await call('loyalty/promotions/create', trigger({ redeem_rules: [{ points_currency_eid: 'gold' }] }), a.admin),
      400,
      18,
      'UNKNOWN_REFERENCE',
    );
    expect(unknown.details.fields).toEqual([
      { path: 'redeem_rules[0].points_currency_eid', message: 'unknown points currency' },
    ]);
    expect(
      paths(
        expectFailure(
          await call('loyalty/promotions/create', trigger({ promo_code_program_id: 3 }), a.admin),
          400,
          18,
          'UNKNOWN_REFERENCE',
        ),
      ),
    ).toEqual(['promo_code_program_id']);
    expect(
      paths(
        expectFailure(
          await call('loyalty/promotions/create', trigger({ external_id: 'birthday' }), a.admin),
          409,
          5,
          'CONFLICT',
        ),
      ),
    ).toEqual(['external_id']);
  });

  it('error 1 names the field', async () => {
    for (const [patch, path] of [
      [{ is_active: undefined }, 'is_active'],
      [{ external_id: '2026' }, 'external_id'],
      [{ colour: 'red' }, 'colour'],
      [{ redeem_rules: [{ points_currency_eid: 'qp' }] }, 'redeem_rules[0].points_currency_eid'],
      [{ accrual_rules: [{ points_currency_eid: 'whole', static_amount: '1.5' }] }, 'accrual_rules[0].static_amount'],
      [{ accrual_rules: [{ points_currency_eid: 'bonus', static_amount: '1.005' }] }, 'accrual_rules[0].static_amount'],
      [
        { accrual_rules: [{ points_currency_eid: 'bonus', min_amount: '20', max_amount: '10' }] },
        'accrual_rules[0].max_amount',
      ],
      [
        { accrual_rules: [{ points_currency_eid: 'bonus' }, { points_currency_eid: 'bonus' }] },
        'accrual_rules[1].points_currency_eid',
      ],
      [{ accrual_rules: [] }, 'accrual_rules'],
      [{ start_date: '2026-02-01', end_date: '2026-01-31' }, 'end_date'],
      [{ start_date: '2026-02-01T10:00:00' }, 'start_date'],
      [{ limits: { per_member_period: 'week' } }, 'limits.per_member_period'],
      [{ conditions: [1, 2] }, 'conditions'],
      [{ discount: { kind: 'percent' } }, 'discount'],
    ] as const) {
      const failure = expectFailure(
        await call('loyalty/promotions/create', trigger(patch), a.admin),
        400,
        1,
        'VALIDATION_FAILED',
      );
      expect({ patch, paths: paths(failure) }).toEqual({ patch, paths: [path] });
    }
    const byBoolean = expectFailure(
      await call('loyalty/promotions/get', { loyalty_program_id: programId, promotion_id: true }, a.read),
      400,
      1,
      'VALIDATION_FAILED',
    );
    expect(paths(byBoolean)).toEqual(['promotion_id']);
  });

  it('update answers the promotion; activate and deactivate answer {id, external_id, is_active}', async () => {
    await fetch(`${stack.apiUrl}/test/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now: '2026-01-06T00:00:00.000Z' }),
    });
    const updated = await ok<Promotion>('loyalty/promotions/update', {
      loyalty_program_id: programId,
      promotion_id: 'birthday',
      end_date: null,
      limits: null,
      priority: 3,
    });
    expect(updated).toMatchObject({
      id: birthdayId,
      end_date: null,
      priority: 3,
      limits: { per_member: null, per_member_period: null, total_uses: null, budget: null },
      updated_at: '2026-01-06T00:00:00.000Z',
    });
    expect(
      paths(
        expectFailure(
          await call(
            'loyalty/promotions/update',
            { loyalty_program_id: programId, promotion_id: birthdayId, type: 'discount' },
            a.admin,
          ),
          400,
          1,
          'VALIDATION_FAILED',
        ),
      ),
    ).toEqual(['type']);
    const reference = { loyalty_program_id: programId, promotion_id: birthdayId };
    expect(await ok('loyalty/promotions/deactivate', reference)).toEqual({
      id: birthdayId,
      external_id: 'birthday',
      is_active: false,
    });
    expect(await ok('loyalty/promotions/deactivate', { ...reference, promotion_id: 'birthday' })).toEqual({
      id: birthdayId,
      external_id: 'birthday',
      is_active: false,
    });
    expect(await ok('loyalty/promotions/activate', reference)).toEqual({
      id: birthdayId,
      external_id: 'birthday',
      is_active: true,
    });
    const audit = await ok<{ items: { entity_id: string; action: string }[] }>('admin/audit/list', {
      entity_type: 'promotion',
      limit: 100,
    });
    expect(audit.items.filter((entry) => entry.entity_id === String(birthdayId)).map((entry) => entry.action)).toEqual([
      'create',
      'update',
      'deactivate',
      'activate',
    ]);
  });

  it('list and trigger_promotions answer {items, next_from_id, total_count} ascending by id', async () => {
    const welcome = await ok<{ id: number }>(
      'loyalty/promotions/create',
      trigger({ external_id: 'welcome', is_active: false }),
    );
    const listed = await ok<Page<Promotion>>(
      'loyalty/promotions/list',
      { loyalty_program_id: programId, limit: 1 },
      a.read,
    );
    expect([listed.items.map((item) => item.id), listed.next_from_id, listed.total_count]).toEqual([
      [birthdayId],
      birthdayId,
      2,
    ]);
    expect(listed.items[0]).toEqual(
      await ok('loyalty/promotions/get', { loyalty_program_id: programId, promotion_id: birthdayId }, a.read),
    );
    const inactive = await ok<Page<unknown>>(
      'loyalty/trigger_promotions',
      { loyalty_program_id: programId, is_active: false },
      a.read,
    );
    expect(inactive).toEqual({
      items: [
        {
          id: welcome.id,
          name: 'Promo',
          description: null,
          external_id: 'welcome',
          start_date: null,
          end_date: null,
          is_active: false,
          accrual_rules: [{ points_currency_eid: 'bonus', static_amount: '10.00', min_amount: null, max_amount: null }],
          redeem_rules: [],
        },
      ],
      next_from_id: null,
      total_count: 1,
    });
    const all = await ok<Page<Promotion>>(
      'loyalty/trigger_promotions',
      { loyalty_program_id: programId },
      a.integration,
    );
    expect([all.items.map((item) => item.external_id), all.total_count]).toEqual([['birthday', 'welcome'], 2]);
  });

  it("another account's program and promotion answer 404, like missing ones", async () => {
    const reference = { loyalty_program_id: programId, promotion_id: birthdayId };
    for (const [method, body] of [
      ['loyalty/promotions/get', reference],
      ['loyalty/promotions/update', { ...reference, name: 'Hijacked' }],
      ['loyalty/promotions/activate', reference],
      ['loyalty/promotions/deactivate', reference],
      ['loyalty/promotions/list', { loyalty_program_id: programId }],
      ['loyalty/promotions/create', trigger({ external_id: 'theirs' })],
      ['loyalty/trigger_promotions', { loyalty_program_id: programId }],
    ] as const) {
      expectFailure(await call(method, body, b.admin), 404, 4, 'NOT_FOUND');
    }
    for (const promotion_id of [999_999, 'missing']) {
      expectFailure(
        await call('loyalty/promotions/get', { loyalty_program_id: programId, promotion_id }, a.read),
        404,
        4,
        'NOT_FOUND',
      );
    }
    expect(await ok('loyalty/promotions/get', reference, a.read)).toMatchObject({ name: 'Birthday', is_active: true });
  });
});
