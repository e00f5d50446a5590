import { createShopWorld, Shop, ShopWorld } from '../test-support/shop-world';

/** api.md §5.2: `skip_triggers` suppresses scenario triggers and `order.committed`; ledger events are still published. */
describe('preorder_commit and scenario triggers (real PostgreSQL)', () => {
  let world: ShopWorld;
  let shop: Shop;

  beforeAll(async () => {
    world = await createShopWorld('checkout-triggers');
    shop = await world.shop('Shop', { products: { p1: '100.00' } });
    await shop.promotion({
      type: 'points',
      external_id: 'ten-per-100',
      accrual: { kind: 'per_amount', value: '10', per: '100.00', base: 'paid', points_currency_eid: 'bonus' },
    });
    await shop.member('buyer@example.com');
  });

  afterAll(() => world.close());

  const eventsOf = async (orderExternalId: string) => {
    const rows: Array<{ event_type: string; starts_scenarios: boolean }> = await world.ctx.em().execute(
      `select event_type, starts_scenarios from outbox_events
        where payload->>'external_id' = ? or payload->>'transaction_id' in
              (select id::text from points_transactions where source_type = 'order' and source_eid = ?)
        order by id`,
      [orderExternalId, orderExternalId],
    );
    return rows.map((row) => [row.event_type, row.starts_scenarios]);
  };

  it('a commit with skip_triggers writes no order.committed and marks its ledger events not to start scenarios', async () => {
    await shop.commit(shop.cart('quiet', 'buyer@example.com', [['p1', 2]], { final_total_price: '200.00' }));
    const skipped = shop.cart('skipped', 'buyer@example.com', [['p1', 2]], { final_total_price: '200.00' });
    await shop.commit({ ...skipped, skip_triggers: true });

    expect(await eventsOf('quiet')).toEqual([
      ['points.accrued', true],
      ['order.committed', true],
    ]);
    expect(await eventsOf('skipped')).toEqual([['points.accrued', false]]);
  });
});
