import { EntityManager } from '@mikro-orm/postgresql';
import { SummarizeLedger } from '@loyalty/loyalty';
import { Preorder } from '../checkout/use-cases/preorder.use-case';
import { createShopWorld, Shop, ShopWorld } from '../test-support/shop-world';
import { SummarizeProgram } from './summarize-program.use-case';

/** The order side of `loyalty/reports/summary`: discounts, orders, revenue and checkout points per promotion. */
describe('summary: promotions on committed orders (real PostgreSQL)', () => {
  let world: ShopWorld;
  let shop: Shop;
  let discountId: number;
  let pointsId: number;

  beforeAll(async () => {
    world = await createShopWorld('order-reports');
    shop = await world.shop('Shop', { products: { p1: '100.00', p2: '100.00' } });
    discountId = await shop.promotion({
      external_id: 'order-10',
      discount: { kind: 'percent', value: '10', target: 'order' },
    });
    pointsId = await shop.promotion({
      type: 'points',
      external_id: 'back-5',
      accrual: { kind: 'percent', value: '5', base: 'paid', points_currency_eid: 'bonus' },
    });
    await shop.member('ann@example.com');
    for (const [id, lines] of [
      ['o1', [['p1', 2]]],
      ['o2', [['p2', 1]]],
    ] as Array<[string, Array<[string, number]>]>) {
      const cart = shop.cart(id, 'ann@example.com', lines);
      const priced = await shop.as(() => world.ctx.get(Preorder).execute(cart));
      await shop.commit({ ...cart, data: { ...cart.data, final_total_price: priced.final_total_price } });
    }
  });

  afterAll(() => world.close());

  it('adds each promotion its orders, discount, revenue and checkout points', async () => {
    const em = world.ctx.get(EntityManager);
    const summary = new SummarizeProgram(em, new SummarizeLedger(em));
    const answer = await shop.as(() =>
      summary.execute({ programId: shop.programId, dateFrom: '2026-11-25', dateTo: '2026-11-25', groupBy: 'day' }),
    );
    expect(answer.periods).toHaveLength(1);
    const [day] = answer.periods;
    expect(day.promotions).toEqual([
      {
        promotion_id: discountId,
        promotion_eid: 'order-10',
        name: 'order-10',
        type: 'discount',
        uses: 2,
        transactions: 0,
        points: [],
        orders: 2,
        discount: '30.00',
        revenue: '270.00',
      },
      {
        promotion_id: pointsId,
        promotion_eid: 'back-5',
        name: 'back-5',
        type: 'points',
        uses: 2,
        transactions: 0,
        points: [{ points_currency_eid: 'bonus', accrued: '13.50', redeemed: '0.00' }],
        orders: 2,
        discount: '0.00',
        revenue: '270.00',
      },
    ]);
    expect(day.currencies[0]).toMatchObject({ points_currency_eid: 'bonus', accrued: '13.50', transactions: 2 });
    const other = await shop.as(() =>
      summary.execute({ programId: shop.programId, dateFrom: '2026-11-26', dateTo: '2026-11-26', groupBy: 'day' }),
    );
    expect(other.periods[0].promotions).toEqual([]);
  });
});
