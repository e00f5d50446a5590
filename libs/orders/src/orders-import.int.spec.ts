import { AuditEntry } from '@loyalty/platform';
import { Profile } from '@loyalty/profiles';
import { Order } from './entities/order.entity';
import { createOrdersWorld, failureOf, NOW, OrdersWorld, rubOrder } from './test-support/orders-fixture';
import { DeleteOrder } from './use-cases/delete-order.use-case';
import { ImportOrder } from './use-cases/import-order.use-case';
import { UpdateOrderLineStatus } from './use-cases/update-order-line-status.use-case';
import type { ImportOrderInput, OrderInput } from './domain/order-input';

describe('market/orders/import (real PostgreSQL)', () => {
  let world: OrdersWorld;
  const importOrder = (input: ImportOrderInput) => world.as(() => world.ctx.get(ImportOrder).execute(input));
  const importData = (data: OrderInput) => importOrder({ data });
  const failure = (data: OrderInput) => failureOf(importData(data));
  const auditOf = (entityType: string) =>
    world.ctx.em().find(AuditEntry, { entityType }, { filters: false, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    world = await createOrdersWorld('orders-import');
  });

  afterAll(() => world.close());

  it('creates an order with its lines in minor units, matched to the profile, without touching loyalty', async () => {
    const profilesBefore = await world.ctx.em().count(Profile, {}, { filters: false });
    const answer = await importData(
      rubOrder('order_1', {
        create_time: '2026-11-25 10:00:00',
        update_time: '2026-11-25T10:30:00+03:00',
        tags: ['vip'],
        region: 'msk',
        custom_fields: { gift: true },
      }),
    );
    expect(answer).toEqual({ orderId: expect.any(Number), externalId: 'order_1', created: true });
    const { order, lines, refunds } = await world.rows('order_1');
    expect(order).toMatchObject({
      id: answer.orderId,
      origin: 'import',
      endpoint: 'website',
      profileId: world.annaProfileId,
      person: { matching: 'email', email: 'anna@example.com' },
      status: 'new',
      currency: 'RUB',
      totalPrice: 280000n,
      deliveryCost: 30000n,
      region: 'msk',
      tags: ['vip'],
      customFields: { gift: true },
      deletedAt: null,
    });
    // The old form is read in the account's zone (Moscow, UTC+3).
    expect(order.createTime.toISOString()).toBe('2026-11-25T07:00:00.000Z');
    expect(order.updateTime.toISOString()).toBe('2026-11-25T07:30:00.000Z');
    expect(order.createdAt).toEqual(NOW);
    expect(lines.map((line) => [line.externalId, line.position, line.product, line.sku, line.count])).toEqual([
      ['line_1', 0, 'iphone17', 'iphone17-256-black', 2],
      ['line_2', 1, 'case', null, 1],
    ]);
    expect(lines.map((line) => [line.basePricePerItem, line.minPricePerItem, line.finalPricePerItem])).toEqual([
      [110000n, 50000n, null],
      [30000n, 0n, 25050n],
    ]);
    expect(lines.map((line) => [line.status, line.unitsReturned, line.customFields])).toEqual([
      ['new', 0, {}],
      ['new', 0, {}],
    ]);
    expect(refunds).toEqual([]);
    expect(await world.ctx.em().count(Profile, {}, { filters: false })).toBe(profilesBefore);
    expect(await auditOf('order')).toEqual([]);
  });

  it('stores an unknown person as given and an anonymous order without a person', async () => {
    const profilesBefore = await world.ctx.em().count(Profile, {}, { filters: false });
    await importData(rubOrder('order_unknown', { matching: 'phone', phone: '8 (900) 555-00-11', email: undefined }));
    expect((await world.rows('order_unknown')).order).toMatchObject({
      profileId: null,
      person: { matching: 'phone', phone: '+89005550011', email: null },
    });
    await importData(rubOrder('order_anonymous', { email: undefined }));
    expect((await world.rows('order_anonymous')).order).toMatchObject({ profileId: null, person: null });
    expect(await world.ctx.em().count(Profile, {}, { filters: false })).toBe(profilesBefore);
  });

  it('defaults the delivery cost to 0 and the times to now, and keeps whole yen', async () => {
    await importData({
      external_id: 'order_yen',
      endpoint: 'website',
      status: 'paid',
      currency: 'JPY',
      total_price: '3000',
      lines: [{ external_id: 'l', sku: 'tea', base_price_per_item: '1500', count: 2 }],
    });
    const { order } = await world.rows('order_yen');
    expect(order).toMatchObject({ totalPrice: 3000n, deliveryCost: 0n, status: 'paid', tags: [], customFields: {} });
    expect([order.createTime, order.updateTime]).toEqual([NOW, NOW]);
  });

  it('updates an imported order: status move, header, and lines replaced keeping returned units', async () => {
    await importData(rubOrder('order_2'));
    const before = await world.rows('order_2');
    await world.as(() =>
      world.ctx.get(UpdateOrderLineStatus).execute({
        order_external_id: 'order_2',
        order_line_external_id: 'line_1',
        status_external_id: 'refunded',
        count: 1,
      }),
    );
    await world.clock.set(new Date(NOW.getTime() + 60_000));
    const answer = await importData(
      rubOrder('order_2', {
        status: 'paid',
        total_price: '2200.00',
        delivery_cost: undefined,
        tags: ['late'],
        lines: [
          { external_id: 'line_3', product: 'charger', base_price_per_item: '100.00', count: 1 },
          { external_id: 'line_1', product: 'iphone17', base_price_per_item: '900.00', count: 2 },
        ],
      }),
    );
    await world.clock.set(NOW);
    expect(answer).toEqual({ orderId: before.order.id, externalId: 'order_2', created: false });
    const { order, lines, refunds } = await world.rows('order_2');
    expect(order).toMatchObject({ status: 'paid', totalPrice: 220000n, deliveryCost: 30000n, tags: ['late'] });
    expect(order.createTime).toEqual(before.order.createTime);
    expect(order.updateTime.toISOString()).toBe('2026-11-25T12:01:00.000Z');
    expect(
      lines.map((line) => [line.externalId, line.position, line.basePricePerItem, line.status, line.unitsReturned]),
    ).toEqual([
      ['line_3', 0, 10000n, 'new', 0],
      ['line_1', 1, 90000n, 'refunded', 1],
    ]);
    expect(lines[1].id).toBe(before.lines[0].id);
    expect(refunds.map((refund) => [refund.line, refund.units])).toEqual([[before.lines[0].id, 1]]);
  });

  it('keeps the stored lines and person when an update sends none, and checks the total against them', async () => {
    await importData(rubOrder('order_3'));
    await importData(rubOrder('order_3', { status: 'processing', lines: undefined, email: undefined }));
    const { order, lines } = await world.rows('order_3');
    expect(lines).toHaveLength(2);
    expect(order).toMatchObject({
      status: 'processing',
      profileId: world.annaProfileId,
      person: { email: 'anna@example.com' },
    });
    expect(await failure(rubOrder('order_3', { total_price: '2799.99', lines: undefined }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ path: 'data.total_price' }] },
    });
  });

  it('refuses an impossible status move (error 13) and leaves the order as it was', async () => {
    await importData(rubOrder('order_4', { status: 'canceled' }));
    expect(await failure(rubOrder('order_4', { status: 'paid' }))).toMatchObject({ code: 'TRANSACTION_STATE' });
    expect((await world.rows('order_4')).order.status).toBe('canceled');
  });

  it.each([
    ['an unknown touchpoint', { endpoint: 'kiosk' }, 'UNKNOWN_REFERENCE', 'data.endpoint'],
    ['a currency the account does not have', { currency: 'EUR' }, 'UNKNOWN_REFERENCE', 'data.currency'],
    ['fractions of yen', { currency: 'JPY', total_price: '2800.50' }, 'VALIDATION_FAILED', 'data.total_price'],
    ['a total that does not add up', { total_price: '2800.01' }, 'VALIDATION_FAILED', 'data.total_price'],
    ['a missing identifier', { email: undefined, matching: 'email' }, 'VALIDATION_FAILED', 'data.email'],
    ['a bad time', { create_time: '2026-11-25T10:00:00' }, 'VALIDATION_FAILED', 'data.create_time'],
    ['no lines', { lines: undefined }, 'VALIDATION_FAILED', 'data.lines'],
  ] as [string, Partial<OrderInput>, string, string][])('refuses %s', async (_name, change, code, path) => {
    expect(await failure(rubOrder('order_bad', change))).toMatchObject({ code, details: { fields: [{ path }] } });
    expect(await world.ctx.em().count(Order, { externalId: 'order_bad' }, { filters: false })).toBe(0);
  });

  it('refuses a repeated line external id, naming the repetition', async () => {
    const line = { external_id: 'line_1', product: 'p', base_price_per_item: '100.00', count: 1 };
    expect(
      await failure(rubOrder('order_dup', { total_price: '200.00', delivery_cost: '0', lines: [line, { ...line }] })),
    ).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'data.lines[1].external_id' }] } });
  });

  it('refuses to change the currency of an existing order (error 1)', async () => {
    await importData(rubOrder('order_5'));
    expect(
      await failure(
        rubOrder('order_5', {
          currency: 'JPY',
          total_price: '2800',
          delivery_cost: '300',
          lines: [{ external_id: 'l', product: 'p', base_price_per_item: '2500', count: 1 }],
        }),
      ),
    ).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'data.currency' }] } });
  });

  it('upserts custom line statuses (audited when they change) and lets lines use them', async () => {
    const packed = { external_id: 'packed', name: 'Packed', effect: 'none' as const };
    const lines = rubOrder('x').lines ?? [];
    await importOrder({
      custom_line_statuses: [packed, { external_id: 'returned_to_store', name: 'Returned', effect: 'refunded' }],
      custom_fields: [{ external_id: 'gift', name: 'Gift', entity_type: 'order', value_type: 'bool' }],
      data: rubOrder('order_6', { lines: [{ ...lines[0], status: 'packed' }, lines[1]] }),
    });
    await importOrder({ custom_line_statuses: [packed], data: rubOrder('order_6') });
    await importOrder({ custom_line_statuses: [{ ...packed, name: 'Packed up' }], data: rubOrder('order_6') });
    expect((await world.customStatuses()).map((status) => [status.externalId, status.name, status.effect])).toEqual([
      ['packed', 'Packed up', 'none'],
      ['returned_to_store', 'Returned', 'refunded'],
    ]);
    expect((await auditOf('order_line_status')).map((entry) => [entry.action, entry.after])).toEqual([
      ['create', { external_id: 'packed', name: 'Packed', effect: 'none' }],
      ['create', { external_id: 'returned_to_store', name: 'Returned', effect: 'refunded' }],
      ['update', { external_id: 'packed', name: 'Packed up', effect: 'none' }],
    ]);
    expect((await world.rows('order_6')).lines.map((line) => line.status)).toEqual(['packed', 'new']);
  });

  it('refuses undeclared line statuses (18) and declarations that redefine built-in ones (1)', async () => {
    const lines = rubOrder('x').lines ?? [];
    expect(await failure(rubOrder('order_7', { lines: [{ ...lines[0], status: 'lost' }, lines[1]] }))).toMatchObject({
      code: 'UNKNOWN_REFERENCE',
      details: { fields: [{ path: 'data.lines[0].status' }] },
    });
    expect(
      await failureOf(
        importOrder({
          custom_line_statuses: [{ external_id: 'refunded', name: 'Mine', effect: 'none' }],
          data: rubOrder('order_7'),
        }),
      ),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ path: 'custom_line_statuses[0].external_id' }] },
    });
  });

  describe('an order made at checkout', () => {
    beforeAll(async () => {
      await importData(rubOrder('order_c', { region: 'msk' }));
      await world.markCommitted('order_c', { line_1: 92500n });
    });

    it('takes status, update_time, tags and custom fields, and the same lines', async () => {
      const answer = await importData(
        rubOrder('order_c', {
          status: 'paid',
          tags: ['paid-online'],
          custom_fields: { receipt: 'R-1' },
          update_time: '2026-11-25T13:00:00Z',
          email: 'someone@example.com',
        }),
      );
      expect(answer.created).toBe(false);
      const { order } = await world.rows('order_c');
      expect(order).toMatchObject({
        status: 'paid',
        tags: ['paid-online'],
        customFields: { receipt: 'R-1' },
        region: 'msk',
        profileId: world.annaProfileId,
        person: { email: 'anna@example.com' },
      });
      expect(order.updateTime.toISOString()).toBe('2026-11-25T13:00:00.000Z');
      await importData(rubOrder('order_c', { status: 'delivered', lines: undefined }));
      expect((await world.rows('order_c')).order.status).toBe('delivered');
    });

    it('refuses other changes (error 1) and impossible moves (error 13)', async () => {
      const lines = rubOrder('x').lines ?? [];
      const changed = [{ ...lines[0], count: 1 }, lines[1]];
      expect(
        await failure(rubOrder('order_c', { status: 'delivered', total_price: '1700.00', lines: changed })),
      ).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'data.total_price' }] } });
      expect(
        await failure(
          rubOrder('order_c', { status: 'delivered', lines: [lines[0], { ...lines[1], final_price_per_item: '300' }] }),
        ),
      ).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [{ path: 'data.lines[1].final_price_per_item' }] },
      });
      expect(await failure(rubOrder('order_c', { status: 'delivered', region: 'spb' }))).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [{ path: 'data.region' }] },
      });
      expect(await failure(rubOrder('order_c', { status: 'new' }))).toMatchObject({ code: 'TRANSACTION_STATE' });
      expect((await world.rows('order_c')).order.status).toBe('delivered');
    });
  });

  it('imports a deleted order anew in its place', async () => {
    const first = await importData(rubOrder('order_8', { status: 'canceled' }));
    await world.as(() =>
      world.ctx.get(UpdateOrderLineStatus).execute({
        order_external_id: 'order_8',
        order_line_external_id: 'line_1',
        status_external_id: 'canceled',
      }),
    );
    await world.as(() => world.ctx.get(DeleteOrder).execute('order_8'));
    const again = await importData(rubOrder('order_8', { status: 'new', delivery_cost: '0', total_price: '2500.00' }));
    expect(again).toEqual({ orderId: first.orderId, externalId: 'order_8', created: true });
    const { order, lines, refunds } = await world.rows('order_8');
    expect(order).toMatchObject({ status: 'new', deletedAt: null, deliveryCost: 0n, totalPrice: 250000n });
    expect(lines.map((line) => [line.externalId, line.status, line.unitsReturned])).toEqual([
      ['line_1', 'new', 0],
      ['line_2', 'new', 0],
    ]);
    expect(refunds).toEqual([]);
  });

  it("keeps accounts apart: the same external id is another account's own order", async () => {
    const mine = await world.rows('order_1');
    const theirs = await world.asOther(() =>
      world.ctx.get(ImportOrder).execute({ data: rubOrder('order_1', { email: undefined }) }),
    );
    expect(theirs.created).toBe(true);
    expect(theirs.orderId).not.toBe(mine.order.id);
    expect((await world.rows('order_1')).order.updatedAt).toEqual(mine.order.updatedAt);
  });
});
