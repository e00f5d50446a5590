import { AuditEntry } from '@loyalty/platform';
import { createOrdersWorld, failureOf, NOW, OrdersWorld, rubOrder } from './test-support/orders-fixture';
import type { OrderInput } from './domain/order-input';
import { DeleteOrder } from './use-cases/delete-order.use-case';
import { GetOrderStatus } from './use-cases/get-order-status.use-case';
import { GetOrder } from './use-cases/get-order.use-case';
import { ImportOrder } from './use-cases/import-order.use-case';
import { ListOrders } from './use-cases/list-orders.use-case';
import { UpdateOrderLineStatus, UpdateOrderLineStatusInput } from './use-cases/update-order-line-status.use-case';

describe('order life cycle: get, list, get_status, delete, update_order_line_status (real PostgreSQL)', () => {
  let world: OrdersWorld;
  const importOrder = (data: OrderInput) => world.as(() => world.ctx.get(ImportOrder).execute({ data }));
  const getOrder = (externalId: string) => world.as(() => world.ctx.get(GetOrder).execute(externalId));
  const getStatus = (externalId: string) => world.as(() => world.ctx.get(GetOrderStatus).execute(externalId));
  const deleteOrder = (externalId: string) => world.as(() => world.ctx.get(DeleteOrder).execute(externalId));
  const setLineStatus = (input: UpdateOrderLineStatusInput) =>
    world.as(() => world.ctx.get(UpdateOrderLineStatus).execute(input));
  const refund = (line: string, status: string, count?: number) =>
    setLineStatus({
      order_external_id: 'order_r',
      order_line_external_id: line,
      status_external_id: status,
      count,
    });

  beforeAll(async () => {
    world = await createOrdersWorld('orders-life-cycle');
  });

  afterAll(() => world.close());

  describe('update_order_line_status', () => {
    beforeAll(async () => {
      await world.as(() =>
        world.ctx.get(ImportOrder).execute({
          custom_line_statuses: [
            { external_id: 'returned_to_store', name: 'Returned', effect: 'refunded' },
            { external_id: 'packed', name: 'Packed', effect: 'none' },
          ],
          data: rubOrder('order_r', {
            total_price: '6100.00',
            lines: [
              { external_id: 'line_1', product: 'iphone17', base_price_per_item: '1100.00', count: 5 },
              {
                external_id: 'line_2',
                product: 'case',
                base_price_per_item: '300',
                final_price_per_item: '250.5',
                count: 1,
              },
            ],
          }),
        }),
      );
    });

    it('refunds the requested units at the price paid, records them, and moves update_time', async () => {
      await world.clock.set(new Date('2026-11-26T09:00:00.000Z'));
      expect(await refund('line_1', 'refunded', 2)).toEqual({
        order_external_id: 'order_r',
        order_line_external_id: 'line_1',
        units_returned: 2,
        money_to_refund: '2200.00',
        points_returned: '0.00',
        points_cancelled: '0.00',
        discount_clawed_back: '0.00',
      });
      const { order, lines, refunds } = await world.rows('order_r');
      expect(order.updateTime.toISOString()).toBe('2026-11-26T09:00:00.000Z');
      expect([lines[0].status, lines[0].unitsReturned]).toEqual(['refunded', 2]);
      expect(refunds.map((row) => [row.line, row.status, row.effect, row.units, row.moneyToRefund])).toEqual([
        [lines[0].id, 'refunded', 'refunded', 2, 220000n],
      ]);
      expect(refunds[0]).toMatchObject({ pointsReturned: 0n, pointsCancelled: 0n, discountClawedBack: 0n });
      expect(refunds[0].createdAt.toISOString()).toBe('2026-11-26T09:00:00.000Z');
      await world.clock.set(NOW);
    });

    it('refuses more units than are left (error 1 at count) and changes nothing', async () => {
      expect(await failureOf(refund('line_1', 'canceled', 4))).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [{ path: 'count' }] },
      });
      expect((await world.rows('order_r')).lines[0]).toMatchObject({ status: 'refunded', unitsReturned: 2 });
    });

    it('returns every unit left by default, with a custom status that refunds', async () => {
      expect(await refund('line_1', 'returned_to_store')).toMatchObject({
        units_returned: 3,
        money_to_refund: '3300.00',
      });
      const { lines, refunds } = await world.rows('order_r');
      expect([lines[0].status, lines[0].unitsReturned]).toEqual(['returned_to_store', 5]);
      expect(refunds.map((row) => [row.status, row.effect, row.units])).toEqual([
        ['refunded', 'refunded', 2],
        ['returned_to_store', 'refunded', 3],
      ]);
    });

    it('refuses a return when nothing is left, and a status without effect on a returned line (error 13)', async () => {
      expect(await failureOf(refund('line_1', 'canceled'))).toMatchObject({ code: 'TRANSACTION_STATE' });
      expect(await failureOf(refund('line_1', 'delivered'))).toMatchObject({ code: 'TRANSACTION_STATE' });
      expect((await world.rows('order_r')).refunds).toHaveLength(2);
    });

    it('uses final_price_per_item when the line has one, and sets plain statuses without a refund', async () => {
      expect(await refund('line_2', 'packed')).toMatchObject({ units_returned: 0, money_to_refund: '0.00' });
      expect((await world.rows('order_r')).lines[1].status).toBe('packed');
      expect(await refund('line_2', 'canceled', 1)).toMatchObject({ units_returned: 1, money_to_refund: '250.50' });
      expect((await world.rows('order_r')).refunds).toHaveLength(3);
    });

    it('answers 18 for an unknown status and 404 for an unknown line or order', async () => {
      expect(await failureOf(refund('line_2', 'lost'))).toMatchObject({
        code: 'UNKNOWN_REFERENCE',
        details: { fields: [{ path: 'status_external_id' }] },
      });
      expect(await failureOf(refund('line_9', 'canceled'))).toMatchObject({ code: 'NOT_FOUND' });
      expect(
        await failureOf(
          setLineStatus({
            order_external_id: 'nope',
            order_line_external_id: 'line_1',
            status_external_id: 'canceled',
          }),
        ),
      ).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('shows the lines and the refund history in get and get_status', async () => {
      const view = await getOrder('order_r');
      expect(view.lines.map((line) => [line.external_id, line.status, line.units_returned])).toEqual([
        ['line_1', 'returned_to_store', 5],
        ['line_2', 'canceled', 1],
      ]);
      expect(view.refunds).toEqual([
        expect.objectContaining({
          order_line_external_id: 'line_1',
          status: 'refunded',
          units: 2,
          money_to_refund: '2200.00',
        }),
        expect.objectContaining({ order_line_external_id: 'line_1', units: 3, money_to_refund: '3300.00' }),
        expect.objectContaining({
          order_line_external_id: 'line_2',
          effect: 'canceled',
          units: 1,
          money_to_refund: '250.50',
          points_returned: '0.00',
          points_cancelled: '0.00',
          discount_clawed_back: '0.00',
        }),
      ]);
      expect(await getStatus('order_r')).toEqual({
        external_id: 'order_r',
        status: 'new',
        update_time: NOW.toISOString(),
        lines: [
          { external_id: 'line_1', status: 'returned_to_store', count: 5, units_returned: 5 },
          { external_id: 'line_2', status: 'canceled', count: 1, units_returned: 1 },
        ],
      });
    });
  });

  describe('get', () => {
    it('answers the order with money in its currency and empty loyalty parts', async () => {
      const { orderId } = await importOrder(
        rubOrder('order_g', { create_time: '2026-11-25T09:00:00Z', tags: ['vip'], custom_fields: { gift: true } }),
      );
      expect(await getOrder('order_g')).toEqual({
        order_id: orderId,
        external_id: 'order_g',
        origin: 'import',
        status: 'new',
        endpoint: 'website',
        person: {
          matching: 'email',
          email: 'anna@example.com',
          phone: null,
          profile_id: null,
          field_name: null,
          field_value: null,
        },
        profile_id: world.annaProfileId,
        currency: 'RUB',
        total_price: '2800.00',
        delivery_cost: '300.00',
        region: null,
        tags: ['vip'],
        custom_fields: { gift: true },
        create_time: '2026-11-25T09:00:00.000Z',
        update_time: NOW.toISOString(),
        created_at: NOW.toISOString(),
        updated_at: NOW.toISOString(),
        lines: [
          {
            external_id: 'line_1',
            product: 'iphone17',
            sku: 'iphone17-256-black',
            base_price_per_item: '1100.00',
            min_price_per_item: '500.00',
            final_price_per_item: null,
            count: 2,
            status: 'new',
            units_returned: 0,
            custom_fields: {},
          },
          {
            external_id: 'line_2',
            product: 'case',
            sku: null,
            base_price_per_item: '300.00',
            min_price_per_item: '0.00',
            final_price_per_item: '250.50',
            count: 1,
            status: 'new',
            units_returned: 0,
            custom_fields: {},
          },
        ],
        refunds: [],
        applied_promotions: [],
        allocation: [],
        transactions: [],
      });
    });

    it('writes yen without fractions', async () => {
      await importOrder({
        external_id: 'order_yen',
        endpoint: 'website',
        status: 'paid',
        currency: 'JPY',
        total_price: '3500',
        delivery_cost: '500',
        lines: [{ external_id: 'l', sku: 'tea', base_price_per_item: '1500', count: 2 }],
      });
      expect(await getOrder('order_yen')).toMatchObject({
        total_price: '3500',
        delivery_cost: '500',
        lines: [{ base_price_per_item: '1500', min_price_per_item: '0' }],
      });
    });

    it("answers 404 for a missing order and for another account's order", async () => {
      expect(await failureOf(getOrder('missing'))).toMatchObject({ code: 'NOT_FOUND' });
      await world.asOther(() =>
        world.ctx.get(ImportOrder).execute({ data: rubOrder('order_theirs', { email: undefined }) }),
      );
      expect(await failureOf(getOrder('order_theirs'))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failureOf(getStatus('order_theirs'))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failureOf(deleteOrder('order_theirs'))).toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('delete', () => {
    it('soft-deletes an imported order with an audit entry; it answers 404 afterwards', async () => {
      const { orderId } = await importOrder(rubOrder('order_d', { status: 'paid' }));
      expect(await deleteOrder('order_d')).toEqual({ orderId, externalId: 'order_d' });
      const { order, lines } = await world.rows('order_d');
      expect(order.deletedAt).toEqual(NOW);
      expect(lines).toHaveLength(2);
      const audit = await world.ctx
        .em()
        .find(AuditEntry, { entityType: 'order', entityId: String(orderId) }, { filters: false });
      expect(audit.map((entry) => [entry.action, (entry.before as { status: string }).status, entry.after])).toEqual([
        ['delete', 'paid', null],
      ]);
      expect(await failureOf(getOrder('order_d'))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failureOf(getStatus('order_d'))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failureOf(deleteOrder('order_d'))).toMatchObject({ code: 'NOT_FOUND' });
      expect(
        await failureOf(
          setLineStatus({
            order_external_id: 'order_d',
            order_line_external_id: 'line_1',
            status_external_id: 'canceled',
          }),
        ),
      ).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('refuses to delete a committed order that is not canceled (error 13)', async () => {
      await importOrder(rubOrder('order_cd', { status: 'paid' }));
      await world.markCommitted('order_cd');
      expect(await failureOf(deleteOrder('order_cd'))).toMatchObject({ code: 'TRANSACTION_STATE' });
      expect((await world.rows('order_cd')).order.deletedAt).toBeNull();
      await importOrder(rubOrder('order_cd', { status: 'canceled' }));
      await deleteOrder('order_cd');
      expect((await world.rows('order_cd')).order.deletedAt).toEqual(NOW);
    });
  });

  describe('list', () => {
    it('pages through the live orders ascending by id, filtered by status and profile, without lines', async () => {
      const list = (
        filter: { status?: 'paid' | 'new'; profileId?: string },
        page: { fromId?: number; limit?: number },
      ) => world.as(() => world.ctx.get(ListOrders).execute(filter, page));
      const all = await list({}, { limit: 100 });
      const live = ['order_r', 'order_g', 'order_yen'];
      expect(all.items.map((item) => item.external_id)).toEqual(live);
      expect(all).toMatchObject({ nextFromId: null, totalCount: 3 });
      expect(all.items[0]).not.toHaveProperty('lines');
      expect(all.items[2]).toMatchObject({ currency: 'JPY', total_price: '3500' });

      const first = await list({}, { limit: 2 });
      expect(first.items.map((item) => item.external_id)).toEqual(['order_r', 'order_g']);
      expect(first.nextFromId).toBe(first.items[1].order_id);
      const second = await list({}, { fromId: first.nextFromId ?? undefined, limit: 2 });
      expect(second.items.map((item) => item.external_id)).toEqual(['order_yen']);
      expect(second.nextFromId).toBeNull();

      expect((await list({ status: 'paid' }, {})).items.map((item) => item.external_id)).toEqual(['order_yen']);
      const anna = await list({ profileId: world.annaProfileId }, {});
      expect(anna.items.map((item) => item.external_id)).toEqual(['order_r', 'order_g']);
      expect(anna.totalCount).toBe(2);
      const theirs = await world.asOther(() => world.ctx.get(ListOrders).execute({}, {}));
      expect(theirs.items.map((item) => item.external_id)).toEqual(['order_theirs']);
    });
  });
});
