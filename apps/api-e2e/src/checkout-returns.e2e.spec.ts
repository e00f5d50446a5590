import { E2eStack, startE2eStack } from '@loyalty/testing';
import { callOk, createAccount, createDatabase, expectFailure, TestAccount } from './support/e2e-helpers';

type Balance = { active_balance: string; total_balance: string; pending_balance: string };
type LineReturn = {
  order_external_id: string;
  order_line_external_id: string;
  units_returned: number;
  money_to_refund: string;
  points_returned: string;
  points_cancelled: string;
  discount_clawed_back: string;
};
type OrderView = {
  status: string;
  lines: { external_id: string; units_returned: number }[];
  refunds: { order_line_external_id: string; units: number; money_to_refund: string; points_returned: string }[];
  applied_promotions: { external_id: string; return_policy: string; clawed_back: boolean }[];
  allocation: {
    order_line_external_id: string;
    units: { unit: number; paid: string; points_redeemed: string; returned: boolean; discount_clawed_back: string }[];
  }[];
  transactions: { transaction_type: string; status: string; amount: string; related_transaction_id: number | null }[];
};

const NOW = '2026-11-25T10:00:00.000Z';

/**
 * Returns and cancellation of orders made by preorder_commit (spec rules.md §5, examples E3, E7,
 * E9), over HTTP only: each scenario has an account of its own with its program and member.
 */
describe('checkout returns and cancellation (E3, E7, E9)', () => {
  let stack: E2eStack;
  const ann = { matching: 'email', email: 'ann@example.com' };

  interface ShopSpec {
    name: string;
    products: Record<string, string>;
    program?: Record<string, unknown>;
    currency?: Record<string, unknown>;
    promotions: Record<string, unknown>[];
    /** Active points of the member, and optionally pending points (active from 20 December). */
    active?: string;
    pending?: string;
  }

  interface Shop {
    account: TestAccount;
    programId: number;
    ok<T>(method: string, body: Record<string, unknown>, token?: string): Promise<T>;
    balance(): Promise<Balance>;
    commit(externalId: string, data: Record<string, unknown>): Promise<{ order_id: number; final_total_price: string }>;
    lineStatus(order: string, line: string, status: string, count?: number): Promise<LineReturn>;
    importStatus(order: string, status: string, data: Record<string, unknown>): Promise<void>;
    order(externalId: string): Promise<OrderView>;
  }

  async function shop(spec: ShopSpec): Promise<Shop> {
    const account = await createAccount(stack, spec.name);
    const ok = <T>(method: string, body: Record<string, unknown>, token = account.admin) =>
      callOk<T>(stack, method, body, token);
    const dbId = await createDatabase(stack, account.admin, 'Customers');
    await ok('market/channels/create', { name: 'Online', external_id: 'online', type: 'online', db_id: dbId });
    await ok('market/endpoints/create', { channel_external_id: 'online', name: 'Site', external_id: 'website' });
    await ok('market/currencies/create', { code: 'RUB' });
    await ok('market/products/import', {
      data: Object.entries(spec.products).map(([id, price]) => ({ external_id: id, name: id, price })),
    });
    const programId = (
      await ok<{ loyalty_program_id: number }>('loyalty/programs/create', {
        name: 'Club',
        external_id: 'club',
        db_id: dbId,
        currency: 'RUB',
        timezone: 'UTC',
        ...spec.program,
      })
    ).loyalty_program_id;
    await ok('loyalty/points_currencies/create', {
      loyalty_program_id: programId,
      name: 'Bonus',
      external_id: 'bonus',
      type: 'standard',
      point_value: '1.00',
      ...spec.currency,
    });
    for (const promotion of spec.promotions) {
      await ok('loyalty/promotions/create', { loyalty_program_id: programId, is_active: true, ...promotion });
    }
    await ok('loyalty/promotions/create', {
      loyalty_program_id: programId,
      type: 'trigger',
      name: 'Manual',
      external_id: 'manual',
      is_active: true,
      accrual_rules: [{ points_currency_eid: 'bonus' }],
      redeem_rules: [{ points_currency_eid: 'bonus' }],
    });
    await ok('loyalty/register_member', { loyalty_program_id: programId, ...ann }, account.integration);
    const accrue = (amount: string, activation: string) =>
      ok(
        'loyalty/accrue_points',
        {
          loyalty_program_id: programId,
          ...ann,
          promotion_id: 'manual',
          points_currency_eid: 'bonus',
          amount,
          activation_date: activation,
        },
        account.integration,
      );
    if (spec.active) await accrue(spec.active, '2026-11-25T09:00:00Z');
    if (spec.pending) await accrue(spec.pending, '2026-12-20T00:00:00Z');
    return {
      account,
      programId,
      ok,
      balance: () =>
        ok<Balance>(
          'loyalty/account/balance',
          { loyalty_program_id: programId, ...ann, points_currency_eid: 'bonus' },
          account.read,
        ),
      commit: (externalId, data) =>
        ok(
          'market/orders/preorder_commit',
          { external_id: externalId, ...ann, data: { endpoint: 'website', currency: 'RUB', ...data } },
          account.integration,
        ),
      lineStatus: (order, line, status, count) =>
        ok(
          'market/orders/update_order_line_status',
          {
            order_external_id: order,
            order_line_external_id: line,
            status_external_id: status,
            ...(count === undefined ? {} : { count }),
          },
          account.integration,
        ),
      importStatus: async (order, status, data) => {
        await ok(
          'market/orders/import',
          { data: { external_id: order, ...ann, endpoint: 'website', currency: 'RUB', status, ...data } },
          account.integration,
        );
      },
      order: (externalId) => ok<OrderView>('market/orders/get', { external_id: externalId }, account.read),
    };
  }

  const setClock = (now: string) =>
    fetch(`${stack.apiUrl}/test/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now }),
    });

  beforeAll(async () => {
    stack = await startE2eStack('checkout-returns');
    await setClock(NOW);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('E7: cancelling the order gives the 130.00 back and cancels the 92.50 pending points; twice is a no-op', async () => {
    const e7 = await shop({
      name: 'E7',
      products: { iphone17: '1100.00' },
      program: { redemption: { enabled: true, max_share_percent: '30' } },
      currency: { activation_delay_days: 14 },
      promotions: [
        {
          type: 'discount',
          name: 'Online 10%',
          external_id: 'online10',
          conditions: { field: 'endpoint', op: 'eq', value: 'website' },
          discount: { kind: 'percent', value: '10', target: 'order' },
        },
        {
          type: 'points',
          name: '5% back',
          external_id: 'back5',
          accrual: { kind: 'percent', value: '5', base: 'paid', points_currency_eid: 'bonus' },
        },
      ],
      active: '500.00',
      pending: '100.00',
    });
    const order = {
      total_price: '2500.00',
      delivery_cost: '300.00',
      lines: [
        {
          external_id: 'line_1',
          product: 'iphone17',
          base_price_per_item: '1100.00',
          min_price_per_item: '500.00',
          count: 2,
        },
      ],
    };
    const committed = await e7.commit('order-e7', {
      ...order,
      points_to_redeem: '130.00',
      final_total_price: '2150.00',
    });
    expect(committed.final_total_price).toBe('2150.00');
    expect(await e7.balance()).toMatchObject({
      active_balance: '370.00',
      pending_balance: '192.50',
      total_balance: '562.50',
    });

    await e7.importStatus('order-e7', 'canceled', { total_price: '2500.00' });
    expect(await e7.balance()).toMatchObject({
      active_balance: '500.00',
      pending_balance: '100.00',
      total_balance: '600.00',
    });
    const canceled = await e7.order('order-e7');
    expect(canceled.status).toBe('canceled');
    expect(canceled.transactions.map((row) => [row.transaction_type, row.status, row.amount])).toEqual([
      ['redemption', 'cancelled', '-130.00'],
      ['accrual', 'cancelled', '92.50'],
      ['cancellation', 'posted', '130.00'],
      ['cancellation', 'posted', '-92.50'],
    ]);
    expect(canceled.refunds).toEqual([
      expect.objectContaining({ order_line_external_id: 'line_1', units: 2, money_to_refund: '1850.00' }),
    ]);

    await e7.importStatus('order-e7', 'canceled', { total_price: '2500.00' });
    expect(await e7.balance()).toMatchObject({ active_balance: '500.00', pending_balance: '100.00' });
    const again = await e7.order('order-e7');
    expect(again.transactions).toHaveLength(4);
    expect(again.refunds).toHaveLength(1);
  });

  it('E3: returns with rounding in a whole-points currency end exactly where the member started', async () => {
    const e3 = await shop({
      name: 'E3',
      products: { p: '33.33' },
      currency: { precision: 0, point_value: '0.01', activation_delay_days: 14 },
      promotions: [
        {
          type: 'discount',
          name: '10% off',
          external_id: 'ten',
          discount: { kind: 'percent', value: '10', target: 'order' },
        },
        {
          type: 'points',
          name: '1 per 1.00',
          external_id: 'per1',
          accrual: { kind: 'per_amount', value: '1', per: '1.00', base: 'paid', points_currency_eid: 'bonus' },
        },
      ],
      active: '5000',
    });
    const before = await e3.balance();
    await e3.commit('order-e3', {
      total_price: '99.99',
      lines: [{ external_id: 'l', product: 'p', base_price_per_item: '33.33', count: 3 }],
      points_to_redeem: '2000',
      final_total_price: '69.99',
    });
    expect(await e3.balance()).toMatchObject({ active_balance: '3000.00', pending_balance: '69.00' });

    expect(await e3.lineStatus('order-e3', 'l', 'refunded', 1)).toEqual({
      order_external_id: 'order-e3',
      order_line_external_id: 'l',
      units_returned: 1,
      money_to_refund: '23.33',
      points_returned: '667.00',
      points_cancelled: '23.00',
      discount_clawed_back: '0.00',
    });
    expect(await e3.balance()).toMatchObject({ active_balance: '3667.00', pending_balance: '46.00' });

    const rest = await e3.lineStatus('order-e3', 'l', 'refunded', 2);
    expect(rest).toMatchObject({ units_returned: 2, money_to_refund: '46.66', points_returned: '1333.00' });
    expect(23.33 + Number(rest.money_to_refund)).toBeCloseTo(69.99, 2);
    expect(667 + Number(rest.points_returned)).toBe(2000);
    expect(23 + Number(rest.points_cancelled)).toBe(69);
    expect(await e3.balance()).toEqual(before);

    const view = await e3.order('order-e3');
    expect(view.allocation[0].units.map((unit) => [unit.paid, unit.points_redeemed, unit.returned])).toEqual([
      ['23.33', '666.00', true],
      ['23.33', '667.00', true],
      ['23.33', '667.00', true],
    ]);
    expect(view.refunds.map((row) => [row.units, row.money_to_refund, row.points_returned])).toEqual([
      [1, '23.33', '667.00'],
      [2, '46.66', '1333.00'],
    ]);
    expect(view.transactions.filter((row) => row.transaction_type !== 'cancellation').map((row) => row.status)).toEqual(
      ['cancelled', 'cancelled'],
    );
    expectFailure(
      await stack.call(
        'market/orders/update_order_line_status',
        { order_external_id: 'order-e3', order_line_external_id: 'l', status_external_id: 'refunded' },
        e3.account.integration,
      ),
      409,
      13,
      'TRANSACTION_STATE',
    );
  });

  describe('E9: a return that breaks a threshold', () => {
    const e9 = async (policy: 'keep' | 'reevaluate') => {
      const e9shop = await shop({
        name: `E9 ${policy}`,
        products: { a: '70.00', b: '50.00' },
        promotions: [
          {
            type: 'discount',
            name: '10% from 100.00',
            external_id: 'big10',
            conditions: { field: 'goods_total', op: 'gte', value: '100.00' },
            discount: { kind: 'percent', value: '10', target: 'order' },
            return_policy: policy,
          },
        ],
      });
      await e9shop.commit('order-e9', {
        total_price: '120.00',
        lines: [
          { external_id: 'A', product: 'a', base_price_per_item: '70.00', count: 1 },
          { external_id: 'B', product: 'b', base_price_per_item: '50.00', count: 1 },
        ],
        final_total_price: '108.00',
      });
      return e9shop;
    };

    it('keep: returning B refunds 45.00 and A keeps its 7.00', async () => {
      const keep = await e9('keep');
      expect(await keep.lineStatus('order-e9', 'B', 'refunded')).toMatchObject({
        units_returned: 1,
        money_to_refund: '45.00',
        discount_clawed_back: '0.00',
      });
    });

    it("reevaluate: 70.00 no longer qualifies, A's 7.00 is clawed back and the refund is 38.00", async () => {
      const reevaluate = await e9('reevaluate');
      expect(await reevaluate.lineStatus('order-e9', 'B', 'refunded')).toMatchObject({
        units_returned: 1,
        money_to_refund: '38.00',
        discount_clawed_back: '7.00',
      });
      const view = await reevaluate.order('order-e9');
      expect(view.applied_promotions).toEqual([
        expect.objectContaining({ external_id: 'big10', return_policy: 'reevaluate', clawed_back: true }),
      ]);
      expect(view.allocation[0].units[0]).toMatchObject({ discount_clawed_back: '7.00', returned: false });
      // A returned later refunds everything the buyer paid for it: 63.00 and the 7.00 clawed back.
      expect(await reevaluate.lineStatus('order-e9', 'A', 'refunded')).toMatchObject({ money_to_refund: '70.00' });
    });
  });

  describe('a return after the member spent the accrued points', () => {
    const spent = async (allowNegative: boolean) => {
      const spentShop = await shop({
        name: `spent ${allowNegative}`,
        products: { p: '100.00' },
        currency: { activation_delay_days: 0, allow_negative: allowNegative },
        promotions: [
          {
            type: 'points',
            name: '10% back',
            external_id: 'back10',
            accrual: { kind: 'percent', value: '10', base: 'paid', points_currency_eid: 'bonus' },
          },
        ],
      });
      await spentShop.commit('order-spent', {
        total_price: '100.00',
        lines: [{ external_id: 'l', product: 'p', base_price_per_item: '100.00', count: 1 }],
        final_total_price: '100.00',
      });
      expect(await spentShop.balance()).toMatchObject({ active_balance: '10.00' });
      await spentShop.ok(
        'loyalty/redeem_points',
        {
          loyalty_program_id: spentShop.programId,
          ...ann,
          promotion_id: 'manual',
          points_currency_eid: 'bonus',
          amount: '8.00',
        },
        spentShop.account.integration,
      );
      expect(await spentShop.lineStatus('order-spent', 'l', 'refunded')).toMatchObject({
        money_to_refund: '100.00',
        points_cancelled: '10.00',
      });
      return spentShop;
    };

    it('allow_negative false: the 2.00 left are taken and the 8.00 spent are an uncollected adjustment', async () => {
      const noDebt = await spent(false);
      expect(await noDebt.balance()).toMatchObject({ active_balance: '0.00', total_balance: '0.00' });
      const view = await noDebt.order('order-spent');
      expect(view.transactions.map((row) => [row.transaction_type, row.amount])).toEqual([
        ['accrual', '10.00'],
        ['cancellation', '-2.00'],
        ['adjustment', '0.00'],
      ]);
      expect(view.transactions[2]).toMatchObject({ uncollected: '8.00' });
    });

    it('allow_negative true: the 8.00 spent become debt', async () => {
      const debt = await spent(true);
      expect(await debt.balance()).toMatchObject({ active_balance: '-8.00', total_balance: '-8.00' });
      const view = await debt.order('order-spent');
      expect(view.transactions.map((row) => [row.transaction_type, row.amount])).toEqual([
        ['accrual', '10.00'],
        ['cancellation', '-10.00'],
      ]);
    });
  });
});
