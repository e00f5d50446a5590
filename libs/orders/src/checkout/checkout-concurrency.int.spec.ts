import { EntityManager } from '@mikro-orm/postgresql';
import { isDomainError } from '@loyalty/kernel';
import { Promotion } from '@loyalty/loyalty';
import { Order } from '../entities/order.entity';
import { CommitPreorder } from './use-cases/commit-preorder.use-case';
import { createShopWorld, Shop, ShopWorld } from '../test-support/shop-world';
import type { CheckoutRequest } from './domain/checkout-input';

/** preorder_commit under concurrency and preorder's lack of side effects (spec quality.md §2), on real PostgreSQL. */
const PRODUCTS_AT_100 = { p1: '100.00', p2: '100.00', p3: '100.00', p4: '100.00', p5: '100.00' };

describe('checkout under concurrency (real PostgreSQL)', () => {
  let world: ShopWorld;
  let shop: Shop;

  beforeAll(async () => {
    world = await createShopWorld('checkout-concurrency');
    shop = await world.shop('Shop', { products: PRODUCTS_AT_100 });
  });

  afterAll(() => world.close());

  const activeBalance = (email: string) => shop.account(email).then((account) => account.active);

  /** 'ok', or the error code the commit answered. */
  const commit = (request: CheckoutRequest) =>
    shop
      .as(() => world.ctx.get(CommitPreorder).execute(request))
      .then(
        () => 'ok',
        (error: unknown) => {
          if (isDomainError(error)) return error.code;
          throw error;
        },
      );
  const ordersCarrying = (promotionId: number) =>
    world.ctx
      .get(EntityManager)
      .fork()
      .find(Order, {}, { filters: false })
      .then((orders) =>
        orders.filter((order) => order.checkout?.promotions.some((p) => p.promotion_id === promotionId)),
      );

  it('two carts spending 800.00 of 1,000.00 at once: one commits, the other is stale', async () => {
    await shop.member('twice@example.com', '1000.00');
    const cart = (id: string) =>
      shop.cart(id, 'twice@example.com', [['p1', 10]], { points_to_redeem: '800.00', final_total_price: '200.00' });
    const outcomes = await Promise.all([commit(cart('spend-a')), commit(cart('spend-b'))]);
    expect(outcomes.sort()).toEqual(['PREORDER_STALE', 'ok']);
    expect(await activeBalance('twice@example.com')).toBe('200.00');
  });

  it('200 parallel commits on a promotion with total_uses 50: exactly 50 orders carry it', async () => {
    const promotionId = await shop.promotion({
      external_id: 'fifty',
      discount: { kind: 'percent', value: '10', target: 'order' },
      conditions: { field: 'line.product', op: 'eq', value: 'p2' },
      limits: { total_uses: 50 },
    });
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        commit(shop.cart(`fifty-${index}`, null, [['p2', 1]], { final_total_price: '90.00' })),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(50);
    expect(outcomes.filter((outcome) => outcome === 'PREORDER_STALE')).toHaveLength(150);
    expect(await ordersCarrying(promotionId)).toHaveLength(50);
    const promotion = await world.ctx
      .get(EntityManager)
      .fork()
      .findOneOrFail(Promotion, promotionId, { filters: false });
    expect(promotion.usesCount).toBe(50);
  });

  it('per_member 1 from two parallel carts of one member: exactly one order carries it', async () => {
    await shop.member('once@example.com');
    const promotionId = await shop.promotion({
      external_id: 'once',
      discount: { kind: 'fixed', value: '5.00', target: 'order' },
      conditions: { field: 'line.product', op: 'eq', value: 'p3' },
      limits: { per_member: 1 },
    });
    const cart = (id: string) => shop.cart(id, 'once@example.com', [['p3', 1]], { final_total_price: '95.00' });
    const outcomes = await Promise.all([commit(cart('once-a')), commit(cart('once-b'))]);
    expect(outcomes.sort()).toEqual(['PREORDER_STALE', 'ok']);
    expect(await ordersCarrying(promotionId)).toHaveLength(1);
  });

  it('E6 through preorder_commit: 64 clients × 20 commits redeeming 7.00 of 1,000.00 → exactly 142 commit, 6.00 left', async () => {
    await shop.member('e6@example.com', '1000.00');
    const cart = (id: string) =>
      shop.cart(id, 'e6@example.com', [['p5', 1]], { points_to_redeem: '7.00', final_total_price: '93.00' });
    const outcomes = (
      await Promise.all(
        Array.from({ length: 64 }, async (_, client) => {
          const seen: string[] = [];
          for (let request = 0; request < 20; request += 1) seen.push(await commit(cart(`e6-${client}-${request}`)));
          return seen;
        }),
      )
    ).flat();
    // api.md §5.2: a redemption the balance can no longer cover makes the quote stale (error 14)
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(142);
    expect(outcomes.filter((outcome) => outcome === 'PREORDER_STALE')).toHaveLength(1_138);
    expect(await activeBalance('e6@example.com')).toBe('6.00');
    expect(await world.violations()).toEqual([]);
  });
});
