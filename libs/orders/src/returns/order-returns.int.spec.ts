import { rejectionOf } from '@loyalty/testing';
import type { CheckoutRequest } from '../checkout/domain/checkout-input';
import { createShopWorld, ShopWorld, SHOP_NOW, Shop } from '../test-support/shop-world';

/**
 * Returns and cancellation of orders made by `preorder_commit` (rules.md §2, §5, §9; examples E3,
 * E5, E7, E9) against the real PostgreSQL: exact balances, ledger rows, refund history rows and
 * outbox events, and the ledger invariant after every test.
 */
describe('returns and cancellation of committed orders (real PostgreSQL)', () => {
  let world: ShopWorld;
  const ann = { matching: 'email' as const, email: 'ann@example.com' };
  const cart = (
    externalId: string,
    lines: Array<{ id: string; product: string; price: string; count: number }>,
    data: Record<string, unknown>,
  ): CheckoutRequest => ({
    external_id: externalId,
    ...ann,
    data: {
      endpoint: 'website',
      currency: 'RUB',
      total_price: data['total_price'] as string,
      lines: lines.map((line) => ({
        external_id: line.id,
        product: line.product,
        base_price_per_item: line.price,
        count: line.count,
      })),
      ...data,
    },
  });

  beforeAll(async () => {
    world = await createShopWorld('order-returns');
  });

  afterEach(async () => {
    await world.clock.set(SHOP_NOW);
    expect(await world.violations()).toEqual([]);
  });

  afterAll(() => world.close());

  describe('E7: cancelling the documented order', () => {
    let shop: Shop;
    let online10: number;

    beforeAll(async () => {
      shop = await world.shop('E7', {
        program: { redemption: { enabled: true, max_share_percent: '30' } },
        currency: { activation_delay_days: 14 },
        products: { iphone17: '1100.00' },
      });
      online10 = await shop.promotion({
        external_id: 'online10',
        conditions: { field: 'endpoint', op: 'eq', value: 'website' },
        discount: { kind: 'percent', value: '10', target: 'order' },
      });
      await shop.promotion({
        type: 'points',
        external_id: 'back5',
        accrual: { kind: 'percent', value: '5', base: 'paid', points_currency_eid: 'bonus' },
      });
      await shop.member('ann@example.com', '500.00');
      await shop.accrue('ann@example.com', '100.00', { activationDate: '2026-12-20T00:00:00Z' });
    });

    it('gives the 130.00 back, cancels the 92.50 pending points and releases the promotion', async () => {
      const committed = await shop.commit(
        cart('e7', [{ id: 'line_1', product: 'iphone17', price: '1100.00', count: 2 }], {
          total_price: '2500.00',
          delivery_cost: '300.00',
          points_to_redeem: '130.00',
          final_total_price: '2150.00',
        }),
      );
      expect(committed.final_total_price).toBe('2150.00');
      expect(await shop.account('ann@example.com')).toMatchObject({ active: '370.00', pending: '192.50' });
      expect(await shop.promotionCounters(online10)).toMatchObject({ uses: 1, budgetUsed: '22000', memberUses: 0 });

      await world.clock.set(new Date('2026-11-26T10:00:00.000Z'));
      await shop.importStatus('e7', 'canceled');
      expect(await shop.account('ann@example.com')).toEqual({
        active: '500.00',
        pending: '100.00',
        held: '0.00',
        debt: '0.00',
      });
      const transactions = await shop.transactions('ann@example.com');
      const ofOrder = transactions.filter((row) => row.source === `order:${committed.order_id}`);
      const [redemption, accrual] = ofOrder.filter((row) => row.type !== 'cancellation');
      expect([redemption.type, redemption.status, accrual.type, accrual.status]).toEqual([
        'redemption',
        'cancelled',
        'accrual',
        'cancelled',
      ]);
      expect(
        transactions.filter((row) => row.type === 'cancellation').map((row) => [row.related, row.amount, row.source]),
      ).toEqual([
        [redemption.id, '130.00', `order:${committed.order_id}`],
        [accrual.id, '-92.50', `order:${committed.order_id}`],
      ]);
      const { order, lines, refunds } = await shop.rows('e7');
      expect(order.checkout?.canceled_at).toBe('2026-11-26T10:00:00.000Z');
      expect(order.checkout?.released_promotion_ids).toHaveLength(2);
      expect(lines[0].unitsReturned).toBe(2);
      expect(refunds.map((row) => [row.status, row.effect, row.units, row.moneyToRefund, row.pointsReturned])).toEqual([
        ['canceled', 'canceled', 2, 185000n, 13000n],
      ]);
      expect(refunds[0].pointsCancelled).toBe(9250n);
      expect(await shop.promotionCounters(online10)).toMatchObject({ uses: 0, budgetUsed: '0' });
      expect(await shop.outbox('order.canceled')).toEqual([
        expect.objectContaining({
          external_id: 'e7',
          money_to_refund: '2150.00',
          points_returned: '130.00',
          points_cancelled: [{ points_currency_eid: 'bonus', amount: '92.50' }],
        }),
      ]);
    });

    it('a second cancellation changes nothing', async () => {
      const before = await shop.transactions('ann@example.com');
      await shop.importStatus('e7', 'canceled');
      expect(await shop.transactions('ann@example.com')).toEqual(before);
      expect(await shop.account('ann@example.com')).toMatchObject({ active: '500.00', pending: '100.00' });
      expect(await shop.outbox('order.canceled')).toHaveLength(1);
      expect((await shop.rows('e7')).refunds).toHaveLength(1);
    });

    it('shows the allocation, the promotions, the transactions and the refund history in get', async () => {
      const view = await shop.get('e7');
      expect(view.applied_promotions).toEqual([
        expect.objectContaining({
          external_id: 'online10',
          type: 'discount',
          discount: '220.00',
          return_policy: 'keep',
        }),
        expect.objectContaining({
          external_id: 'back5',
          type: 'points',
          points_accrued: [{ points_currency_eid: 'bonus', amount: '92.50' }],
        }),
      ]);
      expect(view.allocation).toEqual([
        {
          order_line_external_id: 'line_1',
          count: 2,
          units_returned: 2,
          units: [
            expect.objectContaining({
              unit: 0,
              discount: '110.00',
              points_redeemed: '65.00',
              paid: '925.00',
              returned: true,
            }),
            expect.objectContaining({
              unit: 1,
              discount: '110.00',
              points_redeemed: '65.00',
              paid: '925.00',
              returned: true,
            }),
          ],
          promotions: [
            expect.objectContaining({ discount: '220.00', clawed_back: false }),
            expect.objectContaining({
              discount: '0.00',
              points_accrued: [{ points_currency_eid: 'bonus', amount: '92.50' }],
            }),
          ],
        },
      ]);
      expect(view.transactions.map((row) => [row.transaction_type, row.status, row.amount])).toEqual([
        ['redemption', 'cancelled', '-130.00'],
        ['accrual', 'cancelled', '92.50'],
        ['cancellation', 'posted', '130.00'],
        ['cancellation', 'posted', '-92.50'],
      ]);
      expect(view.refunds).toEqual([
        expect.objectContaining({
          effect: 'canceled',
          units: 2,
          money_to_refund: '1850.00',
          points_returned: '130.00',
        }),
      ]);
    });
  });

  describe('E3: returns with rounding in a whole-points currency', () => {
    let shop: Shop;

    beforeAll(async () => {
      shop = await world.shop('E3', {
        currency: { precision: 0, point_value: '0.01', activation_delay_days: 14 },
        products: { p: '33.33' },
      });
      await shop.promotion({ external_id: 'ten', discount: { kind: 'percent', value: '10', target: 'order' } });
      await shop.promotion({
        type: 'points',
        external_id: 'per1',
        accrual: { kind: 'per_amount', value: '1', per: '1.00', base: 'paid', points_currency_eid: 'bonus' },
      });
      await shop.member('ann@example.com', '5000');
      await shop.commit(
        cart('e3', [{ id: 'l', product: 'p', price: '33.33', count: 3 }], {
          total_price: '99.99',
          points_to_redeem: '2000',
          final_total_price: '69.99',
        }),
      );
    });

    it('committed: 3,000 active, 69 pending', async () => {
      expect(await shop.account('ann@example.com')).toMatchObject({ active: '3000.00', pending: '69.00' });
    });

    it('returns unit 3: 23.33, 667 points back to their lot, 23 pending points cancelled', async () => {
      expect(await shop.setLineStatus('e3', 'l', 'refunded', 1)).toEqual({
        order_external_id: 'e3',
        order_line_external_id: 'l',
        units_returned: 1,
        money_to_refund: '23.33',
        points_returned: '667.00',
        points_cancelled: '23.00',
        discount_clawed_back: '0.00',
      });
      expect(await shop.account('ann@example.com')).toMatchObject({ active: '3667.00', pending: '46.00' });
      const transactions = await shop.transactions('ann@example.com');
      const [redemption, accrual] = transactions
        .filter((row) => row.type === 'redemption' || row.type === 'accrual')
        .slice(-2);
      expect([redemption.status, accrual.status]).toEqual(['posted', 'posted']);
      expect(transactions.filter((row) => row.type === 'cancellation').map((row) => [row.related, row.amount])).toEqual(
        [
          [redemption.id, '667.00'],
          [accrual.id, '-23.00'],
        ],
      );
      expect(await shop.outbox('order.refunded')).toEqual([
        expect.objectContaining({
          order_line_external_id: 'l',
          units_returned: 1,
          money_to_refund: '23.33',
          points_returned: '667.00',
          points_cancelled: [{ points_currency_eid: 'bonus', amount: '23.00' }],
        }),
      ]);
    });

    it('returns the other two: 69.99, 2,000 and 69 in total, and the balance is exactly as before the order', async () => {
      expect(await shop.setLineStatus('e3', 'l', 'canceled', 2)).toMatchObject({
        units_returned: 2,
        money_to_refund: '46.66',
        points_returned: '1333.00',
        points_cancelled: '46.00',
      });
      expect(await shop.account('ann@example.com')).toEqual({
        active: '5000.00',
        pending: '0.00',
        held: '0.00',
        debt: '0.00',
      });
      const { lines, refunds, order } = await shop.rows('e3');
      expect(lines[0].unitsReturned).toBe(3);
      expect(refunds.map((row) => [row.units, row.moneyToRefund, row.pointsReturned, row.pointsCancelled])).toEqual([
        [1, 2333n, 66700n, 2300n],
        [2, 4666n, 133300n, 4600n],
      ]);
      const originals = (await shop.transactions('ann@example.com')).filter((row) =>
        order.checkout?.transactions.some((posted) => posted.transaction_id === row.id),
      );
      expect(originals.map((row) => row.status)).toEqual(['cancelled', 'cancelled']);
      // The order's net effect on the ledger is zero.
      const orderRows = (await shop.transactions('ann@example.com')).filter(
        (row) => row.source === `order:${order.id}`,
      );
      expect(orderRows.reduce((sum, row) => sum + Number(row.amount), 0)).toBe(0);
    });

    it('refuses a return when nothing is left (error 13) and a canceled order moves no points again', async () => {
      expect(await rejectionOf(shop.setLineStatus('e3', 'l', 'refunded'))).toMatchObject({ code: 'TRANSACTION_STATE' });
      const before = await shop.transactions('ann@example.com');
      await shop.importStatus('e3', 'canceled');
      expect(await shop.transactions('ann@example.com')).toEqual(before);
    });
  });

  describe('E9: a return that breaks a threshold', () => {
    const e9 = async (policy: 'keep' | 'reevaluate') => {
      const shop = await world.shop(`E9 ${policy}`, { products: { a: '70.00', b: '50.00' } });
      const promotionId = await shop.promotion({
        external_id: 'big10',
        conditions: { field: 'goods_total', op: 'gte', value: '100.00' },
        discount: { kind: 'percent', value: '10', target: 'order' },
        return_policy: policy,
      });
      await shop.member('ann@example.com');
      await shop.commit(
        cart(
          'e9',
          [
            { id: 'A', product: 'a', price: '70.00', count: 1 },
            { id: 'B', product: 'b', price: '50.00', count: 1 },
          ],
          { total_price: '120.00', final_total_price: '108.00' },
        ),
      );
      return { shop, promotionId };
    };

    it('keep: returning B refunds 45.00 and A keeps its 7.00; returns never give the use back', async () => {
      const { shop, promotionId } = await e9('keep');
      expect(await shop.setLineStatus('e9', 'B', 'refunded')).toMatchObject({
        money_to_refund: '45.00',
        discount_clawed_back: '0.00',
      });
      expect(await shop.setLineStatus('e9', 'A', 'refunded')).toMatchObject({ money_to_refund: '63.00' });
      expect(await shop.promotionCounters(promotionId)).toMatchObject({ uses: 1, budgetUsed: '1200' });
    });

    it("reevaluate: A's 7.00 is clawed back, the refund is 38.00, and A refunds 70.00 later", async () => {
      const { shop } = await e9('reevaluate');
      expect(await shop.setLineStatus('e9', 'B', 'refunded')).toMatchObject({
        units_returned: 1,
        money_to_refund: '38.00',
        discount_clawed_back: '7.00',
      });
      const { refunds, lines } = await shop.rows('e9');
      expect(refunds.map((row) => [row.moneyToRefund, row.discountClawedBack])).toEqual([[3800n, 700n]]);
      expect(lines[0].allocation?.units[0].clawed_back).toBe('700');
      expect(lines[0].allocation?.promotions[0].clawed_back).toBe(true);
      const view = await shop.get('e9');
      expect(view.applied_promotions).toEqual([expect.objectContaining({ external_id: 'big10', clawed_back: true })]);
      expect(view.allocation[0].units[0]).toMatchObject({
        paid: '63.00',
        discount_clawed_back: '7.00',
        returned: false,
      });
      expect(await shop.setLineStatus('e9', 'A', 'refunded')).toMatchObject({
        money_to_refund: '70.00',
        discount_clawed_back: '0.00',
      });
    });
  });

  describe('a return of points the member has spent (rules.md §2.6)', () => {
    const spentReturn = async (allowNegative: boolean) => {
      const shop = await world.shop(`spent ${allowNegative}`, {
        currency: { activation_delay_days: 0, allow_negative: allowNegative },
        products: { p: '100.00' },
      });
      await shop.promotion({
        type: 'points',
        external_id: 'back10',
        accrual: { kind: 'percent', value: '10', base: 'paid', points_currency_eid: 'bonus' },
      });
      await shop.member('ann@example.com');
      await shop.commit(
        cart('spent', [{ id: 'l', product: 'p', price: '100.00', count: 2 }], {
          total_price: '200.00',
          final_total_price: '200.00',
        }),
      );
      expect(await shop.account('ann@example.com')).toMatchObject({ active: '20.00', pending: '0.00' });
      await shop.spend('ann@example.com', '15.00');
      return shop;
    };

    it('allow_negative false: the lot gives what is left, the rest is an uncollected adjustment', async () => {
      const shop = await spentReturn(false);
      // Return one unit: 10.00 to cancel, 5.00 left in the lot.
      expect(await shop.setLineStatus('spent', 'l', 'refunded', 1)).toMatchObject({ points_cancelled: '10.00' });
      expect(await shop.account('ann@example.com')).toMatchObject({ active: '0.00', debt: '0.00' });
      // The second unit: nothing left at all.
      expect(await shop.setLineStatus('spent', 'l', 'refunded', 1)).toMatchObject({ points_cancelled: '10.00' });
      expect(await shop.account('ann@example.com')).toMatchObject({ active: '0.00', debt: '0.00' });
      const transactions = await shop.transactions('ann@example.com');
      const accrual = transactions.find((row) => row.type === 'accrual') as { id: number; status: string };
      expect(accrual.status).toBe('cancelled');
      expect(
        transactions
          .filter((row) => row.related === accrual.id)
          .map((row) => [row.type, row.amount, row.externalData?.['uncollected'] ?? null]),
      ).toEqual([
        ['cancellation', '-5.00', null],
        ['adjustment', '0.00', '5.00'],
        ['cancellation', '0.00', null],
        ['adjustment', '0.00', '10.00'],
      ]);
    });

    it('allow_negative true: the missing points become debt', async () => {
      const shop = await spentReturn(true);
      await shop.setLineStatus('spent', 'l', 'refunded');
      expect(await shop.account('ann@example.com')).toMatchObject({ active: '0.00', debt: '15.00' });
      const transactions = await shop.transactions('ann@example.com');
      expect(transactions.filter((row) => row.type === 'cancellation').map((row) => row.amount)).toEqual(['-20.00']);
      expect(transactions.filter((row) => row.type === 'adjustment')).toEqual([]);
    });
  });

  describe('E5: a return gives back to the most recently spent lots; an expired lot expires again at once', () => {
    it('returns L2 first, then L1 whose part expires at once', async () => {
      const shop = await world.shop('E5', { currency: { activation_delay_days: 14 }, products: { p: '300.00' } });
      await shop.member('ann@example.com');
      const active = { activationDate: '2026-11-25T09:00:00Z' };
      await shop.accrue('ann@example.com', '300.00', { ...active, expirationDate: '2026-11-30T23:59:59.999Z' }); // L1
      await shop.accrue('ann@example.com', '500.00', { ...active, expirationDate: '2027-12-01T23:59:59.999Z' }); // L2
      await shop.commit(
        cart('e5', [{ id: 'l', product: 'p', price: '300.00', count: 2 }], {
          total_price: '600.00',
          points_to_redeem: '600.00',
          final_total_price: '0.00',
        }),
      );
      expect(await shop.account('ann@example.com')).toMatchObject({ active: '200.00' });
      await world.clock.set(new Date('2026-12-02T10:00:00.000Z'));
      // One unit: 300.00 back, all to L2 (the last lot spent).
      await shop.setLineStatus('e5', 'l', 'refunded', 1);
      expect(await shop.account('ann@example.com')).toMatchObject({ active: '500.00' });
      // The other: L1's 300.00 comes back to expire at once.
      await shop.setLineStatus('e5', 'l', 'refunded', 1);
      expect(await shop.account('ann@example.com')).toMatchObject({ active: '500.00', pending: '0.00' });
      const expirations = (await shop.transactions('ann@example.com')).filter((row) => row.type === 'expiration');
      expect(expirations.map((row) => row.amount)).toEqual(['-300.00']);
    });
  });

  describe('activate_on', () => {
    it('"paid" activates the pending points of the order at once; "delay" waits', async () => {
      const shop = await world.shop('paid', {
        program: { activate_on: 'paid' },
        currency: { activation_delay_days: 14 },
        products: { p: '100.00' },
      });
      await shop.promotion({
        type: 'points',
        external_id: 'back10',
        accrual: { kind: 'percent', value: '10', base: 'paid', points_currency_eid: 'bonus' },
      });
      await shop.member('ann@example.com');
      const request = cart('paid', [{ id: 'l', product: 'p', price: '100.00', count: 1 }], {
        total_price: '100.00',
        final_total_price: '100.00',
      });
      await shop.commit(request);
      expect(await shop.account('ann@example.com')).toMatchObject({ active: '0.00', pending: '10.00' });
      await shop.importStatus('paid', 'delivering');
      expect(await shop.account('ann@example.com')).toMatchObject({ active: '0.00', pending: '10.00' });
      await world.clock.set(new Date('2026-11-27T08:00:00.000Z'));
      await shop.importStatus('paid', 'paid');
      expect(await shop.account('ann@example.com')).toMatchObject({ active: '10.00', pending: '0.00' });
      const { order } = await shop.rows('paid');
      expect(order.checkout?.points_activated_at).toBe('2026-11-27T08:00:00.000Z');
      // A return after activation takes the points back from the now active lot.
      await shop.setLineStatus('paid', 'l', 'refunded');
      expect(await shop.account('ann@example.com')).toMatchObject({ active: '0.00', pending: '0.00' });
    });
  });
});
