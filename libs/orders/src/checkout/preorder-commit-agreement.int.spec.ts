import fc from 'fast-check';
import { CommitPreorder } from './use-cases/commit-preorder.use-case';
import { Preorder } from './use-cases/preorder.use-case';
import { createShopWorld, Shop, ShopWorld } from '../test-support/shop-world';

const PRODUCTS = ['p1', 'p2', 'p3', 'p4', 'p5'];

/** spec issue "Done means": preorder then commit of an unchanged cart gives identical numbers. */
const PRODUCTS_AT_100 = { p1: '100.00', p2: '100.00', p3: '100.00', p4: '100.00', p5: '100.00' };

describe('preorder and commit agree (real PostgreSQL)', () => {
  let world: ShopWorld;
  let shop: Shop;
  let serial = 0;

  beforeAll(async () => {
    world = await createShopWorld('preorder-commit-agreement');
    shop = await world.shop('Shop', { products: PRODUCTS_AT_100 });
    await shop.promotion({
      external_id: 'p2-lines',
      stacking: 'exclusive',
      priority: 5,
      discount: { kind: 'percent', value: '12.5', target: 'lines' },
      conditions: { field: 'line.product', op: 'in', value: ['p2', 'p3'] },
    });
    await shop.promotion({
      external_id: 'order-5',
      discount: { kind: 'fixed', value: '5.00', target: 'order', max_discount: '4.00' },
      conditions: { field: 'goods_total', op: 'gte', value: '300.00' },
    });
    await shop.promotion({
      type: 'points',
      external_id: 'back-3',
      accrual: { kind: 'percent', value: '3', base: 'paid', points_currency_eid: 'bonus' },
    });
  });

  afterAll(() => world.close());

  it('commits exactly what the preorder priced, for random carts, members and redemptions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...PRODUCTS), fc.integer({ min: 1, max: 7 })), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.constantFrom(null, '0', '37.5', 'max'),
        fc.integer({ min: 0, max: 5000 }),
        async (lines, redeem, balance) => {
          serial += 1;
          const email = `buyer-${serial}@example.com`;
          await shop.member(email, balance > 0 ? `${balance}.00` : undefined);
          const extra = redeem === null ? {} : { points_to_redeem: redeem };
          const cart = shop.cart(`agree-${serial}`, email, lines, extra);
          const priced = await shop.as(() => world.ctx.get(Preorder).execute(cart));
          const committed = await shop.as(() =>
            world.ctx
              .get(CommitPreorder)
              .execute({ ...cart, data: { ...cart.data, final_total_price: priced.final_total_price } }),
          );
          // The quote is issued afresh by each calculation; every figure must be the same.
          expect({ ...committed, quote: null }).toEqual({
            ...priced,
            quote: null,
            order_id: committed.order_id,
            transactions: committed.transactions,
            replayed: false,
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});
