import { E2eStack, startE2eStack } from '@loyalty/testing';
import { callOk, createAccount, createDatabase, expectFailure, TestAccount } from './support/e2e-helpers';

type Balance = { active_balance: string; total_balance: string; pending_balance: string };
type Calculation = {
  discount_total: string;
  points_redeemed: string;
  final_total_price: string;
  points_accrued: { points_currency_eid: string; amount: string }[];
  lines: { final_price_per_item: string; final_line_total: string; discount: string; points_accrued: string }[];
  applied_promotions: { external_id: string }[];
  rejected_promotions: { external_id: string; reason: string }[];
  redemption: { requested: string; max_allowed: string; applied: string; limited_by: string | null };
  balance: { active_balance: string; total_balance: string; active_after_commit: string } | null;
  member: { is_member: boolean };
  quote: { id: string; hash: string; expires_at: string };
};
type Commit = Calculation & {
  order_id: number;
  transactions: { transaction_type: string; points_currency_eid: string; amount: string }[];
  replayed: boolean;
};

/** The documented checkout example (spec examples.md E7) and the commit's guarantees, over HTTP only. */
describe('checkout: preorder and preorder_commit (E7)', () => {
  let stack: E2eStack;
  let a: TestAccount;
  let programId: number;
  const ann = { matching: 'email', email: 'ann@example.com' };

  const call = <T>(method: string, body: unknown, token = a.integration) => stack.call<T>(method, body, token);
  const ok = <T>(method: string, body: unknown, token = a.admin) => callOk<T>(stack, method, body, token);
  const cart = (endpoint: string, extra: Record<string, unknown> = {}) => ({
    external_id: `order-${endpoint}`,
    ...ann,
    data: {
      endpoint,
      currency: 'RUB',
      total_price: '2500.00',
      delivery_cost: '300.00',
      lines: [
        {
          external_id: 'line_1',
          product: 'iphone17',
          sku: 'iphone17-256-black',
          base_price_per_item: '1100.00',
          min_price_per_item: '500.00',
          count: 2,
        },
      ],
      points_to_redeem: '130.00',
      ...extra,
    },
  });
  const balance = () =>
    ok<Balance>('loyalty/account/balance', { loyalty_program_id: programId, ...ann, points_currency_eid: 'bonus' });

  beforeAll(async () => {
    stack = await startE2eStack('checkout');
    await fetch(`${stack.apiUrl}/test/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now: '2026-11-25T10:00:00.000Z' }),
    });
    a = await createAccount(stack, 'Checkout');
    const dbId = await createDatabase(stack, a.admin, 'Customers');
    await ok('market/channels/create', { name: 'Online', external_id: 'online', type: 'online', db_id: dbId });
    await ok('market/channels/create', { name: 'Retail', external_id: 'retail', type: 'retail', db_id: dbId });
    await ok('market/endpoints/create', { channel_external_id: 'online', name: 'Site', external_id: 'website' });
    await ok('market/endpoints/create', { channel_external_id: 'retail', name: 'Shop', external_id: 'shop' });
    await ok('market/currencies/create', { code: 'RUB' });
    await ok('market/products/import', {
      data: [
        { external_id: 'iphone17', name: 'iPhone 17', price: '1100.00' },
        { external_id: 'iphone17-256-black', name: '256 GB black', product_external_id: 'iphone17', price: '1100.00' },
      ],
    });
    programId = (
      await ok<{ loyalty_program_id: number }>('loyalty/programs/create', {
        name: 'Club',
        external_id: 'club',
        db_id: dbId,
        currency: 'RUB',
        timezone: 'UTC',
        redemption: { enabled: true, max_share_percent: '30' },
      })
    ).loyalty_program_id;
    await ok('loyalty/points_currencies/create', {
      loyalty_program_id: programId,
      name: 'Bonus',
      external_id: 'bonus',
      type: 'standard',
      point_value: '1.00',
      activation_delay_days: 14,
    });
    const segment = await ok<{ id: number }>('loyalty/order_segments/create', {
      loyalty_program_id: programId,
      name: 'Website orders',
      conditions: { field: 'endpoint', op: 'eq', value: 'website' },
    });
    await ok('loyalty/promotions/create', {
      loyalty_program_id: programId,
      type: 'discount',
      name: 'Online 10%',
      external_id: 'online10',
      is_active: true,
      conditions: { field: 'order_segment', op: 'eq', value: segment.id },
      discount: { kind: 'percent', value: '10', target: 'order' },
    });
    await ok('loyalty/promotions/create', {
      loyalty_program_id: programId,
      type: 'points',
      name: '5% back',
      external_id: 'back5',
      is_active: true,
      accrual: { kind: 'percent', value: '5', base: 'paid', points_currency_eid: 'bonus' },
    });
    await ok('loyalty/promotions/create', {
      loyalty_program_id: programId,
      type: 'trigger',
      name: 'Manual',
      external_id: 'manual',
      is_active: true,
      accrual_rules: [{ points_currency_eid: 'bonus' }],
    });
    await ok('loyalty/register_member', { loyalty_program_id: programId, ...ann }, a.integration);
    const accrue = (amount: string, extra: object = {}) =>
      ok('loyalty/accrue_points', {
        loyalty_program_id: programId,
        ...ann,
        promotion_id: 'manual',
        points_currency_eid: 'bonus',
        amount,
        activation_date: '2026-11-25T09:00:00Z',
        ...extra,
      });
    await accrue('500.00');
    await accrue('100.00', { activation_date: '2026-12-20T00:00:00Z' });
    expect(await balance()).toMatchObject({ active_balance: '500.00', total_balance: '600.00' });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('prices the website cart exactly as E7 says and changes nothing', async () => {
    const priced = await ok<Calculation>('market/orders/preorder', cart('website'), a.integration);
    expect(priced).toMatchObject({
      discount_total: '220.00',
      points_redeemed: '130.00',
      final_total_price: '2150.00',
      points_accrued: [expect.objectContaining({ points_currency_eid: 'bonus', amount: '92.50' })],
      redemption: { requested: '130.00', applied: '130.00', limited_by: null },
      balance: { active_balance: '500.00', total_balance: '600.00', active_after_commit: '370.00' },
      member: { is_member: true },
    });
    expect(priced.lines[0]).toMatchObject({
      final_price_per_item: '925.00',
      discount: '220.00',
      points_accrued: '92.50',
    });
    expect(priced.applied_promotions.map((promotion) => promotion.external_id)).toEqual(['online10', 'back5']);
    expect(await balance()).toMatchObject({ active_balance: '500.00', total_balance: '600.00' });
    expectFailure(await call('market/orders/get', { external_id: 'order-website' }, a.read), 404, 4, 'NOT_FOUND');
  });

  it('prices the shop cart without the online discount', async () => {
    const priced = await ok<Calculation>('market/orders/preorder', cart('shop'), a.integration);
    expect(priced).toMatchObject({
      discount_total: '0.00',
      points_redeemed: '130.00',
      final_total_price: '2370.00',
      points_accrued: [expect.objectContaining({ amount: '103.50' })],
    });
    expect(priced.rejected_promotions).toEqual([
      expect.objectContaining({ external_id: 'online10', reason: 'CONDITIONS_NOT_MET' }),
    ]);
  });

  it('answers PREORDER_STALE with the fresh calculation for a wrong total and writes nothing', async () => {
    const stale = expectFailure(
      await call('market/orders/preorder_commit', cart('website', { final_total_price: '2200.00' })),
      409,
      14,
      'PREORDER_STALE',
    );
    expect(stale.details).toMatchObject({ calculation: { final_total_price: '2150.00' } });
    expect(await balance()).toMatchObject({ active_balance: '500.00', total_balance: '600.00' });
    expectFailure(await call('market/orders/get', { external_id: 'order-website' }, a.read), 404, 4, 'NOT_FOUND');
  });

  it('commits: the order, a redemption and a pending accrual; a replay answers the same order', async () => {
    const body = cart('website', { final_total_price: '2150.00' });
    const committed = await ok<Commit>('market/orders/preorder_commit', body, a.integration);
    expect(committed).toMatchObject({ final_total_price: '2150.00', replayed: false });
    expect(committed.transactions).toEqual([
      expect.objectContaining({ transaction_type: 'redemption', points_currency_eid: 'bonus', amount: '130.00' }),
      expect.objectContaining({ transaction_type: 'accrual', points_currency_eid: 'bonus', amount: '92.50' }),
    ]);
    expect(await balance()).toMatchObject({
      active_balance: '370.00',
      pending_balance: '192.50',
      total_balance: '562.50',
    });
    const again = await ok<Commit>('market/orders/preorder_commit', body, a.integration);
    expect(again).toEqual({ ...committed, replayed: true });
    expect(await balance()).toMatchObject({ active_balance: '370.00', total_balance: '562.50' });
    expectFailure(
      await call('market/orders/preorder_commit', { ...body, data: { ...body.data, points_to_redeem: '0' } }),
      409,
      15,
      'ORDER_ALREADY_COMMITTED',
    );
    const order = await ok<{ status: string; lines: { final_price_per_item: string }[] }>(
      'market/orders/get',
      { external_id: 'order-website' },
      a.read,
    );
    expect(order.lines[0].final_price_per_item).toBe('925.00');
  });

  it('a valid quote pins every figure: a changed accrual makes the commit stale', async () => {
    const priced = await ok<Calculation>('market/orders/preorder', cart('shop'), a.integration);
    await ok('loyalty/promotions/update', {
      loyalty_program_id: programId,
      promotion_id: 'back5',
      accrual: { kind: 'percent', value: '6', base: 'paid', points_currency_eid: 'bonus' },
    });
    const stale = expectFailure(
      await call('market/orders/preorder_commit', {
        ...cart('shop', { final_total_price: priced.final_total_price }),
        quote_id: priced.quote.id,
      }),
      409,
      14,
      'PREORDER_STALE',
    );
    expect(stale.details).toMatchObject({ calculation: { final_total_price: '2370.00' } });
  });

  it('simulates a draft promotion against a cart without saving it, and explains the decisions', async () => {
    const listed = () =>
      ok<{ total_count: number }>('loyalty/promotions/list', { loyalty_program_id: programId }, a.read).then(
        (page) => page.total_count,
      );
    const before = await listed();
    const draft = {
      type: 'discount',
      name: 'Draft 15%',
      external_id: 'draft15',
      is_active: true,
      priority: 10,
      stacking: 'exclusive',
      discount: { kind: 'percent', value: '15', target: 'order' },
    };
    const simulated = await ok<Calculation>(
      'loyalty/promotions/simulate',
      { loyalty_program_id: programId, promotions: [draft], cart: cart('website') },
      a.integration,
    );
    expect(simulated).toMatchObject({
      discount_total: '330.00',
      points_redeemed: '130.00',
      final_total_price: '2040.00',
    });
    // An exclusive promotion stops every later one on its lines, points promotions included (rules.md §4).
    expect(simulated.applied_promotions.map((promotion) => promotion.external_id)).toEqual(['draft15']);
    expect(simulated.rejected_promotions).toEqual([
      expect.objectContaining({ external_id: 'online10', reason: 'EXCLUDED_BY_PRIORITY' }),
      expect.objectContaining({ external_id: 'back5', reason: 'EXCLUDED_BY_PRIORITY' }),
    ]);
    expect(await listed()).toBe(before);
    const invalid = expectFailure(
      await call(
        'loyalty/promotions/simulate',
        {
          loyalty_program_id: programId,
          promotions: [{ ...draft, discount: { kind: 'percent', value: '150', target: 'order' } }],
          cart: cart('website'),
        },
        a.integration,
      ),
      400,
      1,
      'VALIDATION_FAILED',
    );
    expect(invalid.details.fields?.map((field) => field.path)).toEqual(['promotions[0].discount.value']);
    const unknownProduct = expectFailure(
      await call(
        'loyalty/promotions/simulate',
        {
          loyalty_program_id: programId,
          cart: {
            ...cart('website'),
            data: { ...cart('website').data, lines: [{ ...cart('website').data.lines[0], sku: 'nope' }] },
          },
        },
        a.integration,
      ),
      400,
      18,
      'UNKNOWN_REFERENCE',
    );
    expect(unknownProduct.details.fields?.map((field) => field.path)).toEqual(['cart.data.lines[0].sku']);
  });
});
