import { SharedTestClock, CLOCK } from '@loyalty/platform';
import { CreatePointsCurrency, CreateTierGroup, GetMemberTiers } from '@loyalty/loyalty';
import { CommitPreorder } from './use-cases/commit-preorder.use-case';
import { createShopWorld, Shop, SHOP_NOW, ShopWorld } from '../test-support/shop-world';

const DAY_MS = 86_400_000;

/** examples.md E10, the order part: qualification points earned by an order make the tier once they activate. */
const PRODUCTS_AT_100 = { p1: '100.00', p2: '100.00', p3: '100.00', p4: '100.00', p5: '100.00' };

describe('checkout and tiers (real PostgreSQL)', () => {
  let world: ShopWorld;
  let shop: Shop;
  let groupId: number;

  beforeAll(async () => {
    world = await createShopWorld('checkout-tiers');
    shop = await world.shop('Shop', { products: PRODUCTS_AT_100 });
    await shop.as(() =>
      world.ctx.get(CreatePointsCurrency).execute(shop.programId, {
        name: 'Qualification',
        external_id: 'qp',
        type: 'qualification',
        activation_delay_days: 14,
      }),
    );
    groupId = (
      await shop.as(() =>
        world.ctx.get(CreateTierGroup).execute(shop.programId, {
          name: 'Status',
          tiers_group_type: 'cumulative',
          points_currency_eid: 'qp',
          tiers: [
            { tier_eid: 'bronze', name: 'Bronze', threshold: '0' },
            { tier_eid: 'silver', name: 'Silver', threshold: '1000' },
            { tier_eid: 'gold', name: 'Gold', threshold: '5000' },
          ],
        }),
      )
    ).id;
    await shop.promotion({
      type: 'points',
      external_id: 'qp-per-100',
      accrual: { kind: 'per_amount', value: '1', per: '100.00', base: 'paid', points_currency_eid: 'qp' },
    });
    await shop.member('vip@example.com');
  });

  afterAll(() => world.close());

  const currentTier = () =>
    shop
      .as(() =>
        world.ctx.get(GetMemberTiers).execute({
          programId: shop.programId,
          person: { matching: 'email', email: 'vip@example.com' },
          tiersGroupId: groupId,
        }),
      )
      .then((tiers) => tiers.at(-1));

  it('E10: 100,000.00 paid → 1,000 qp pending and still Bronze; Silver when they activate 14 days later', async () => {
    const committed = await shop.as(() =>
      world.ctx
        .get(CommitPreorder)
        .execute(shop.cart('vip-order', 'vip@example.com', [['p1', 1000]], { final_total_price: '100000.00' })),
    );
    expect(committed.points_accrued).toEqual([
      expect.objectContaining({
        points_currency_eid: 'qp',
        amount: '1000.00',
        activation_date: new Date(SHOP_NOW.getTime() + 14 * DAY_MS).toISOString(),
      }),
    ]);
    expect(await currentTier()).toMatchObject({ tier_eid: 'bronze' });
    await world.ctx.get<SharedTestClock>(CLOCK).set(new Date(SHOP_NOW.getTime() + 14 * DAY_MS));
    expect(await currentTier()).toMatchObject({
      tier_eid: 'silver',
      reached_at: new Date(SHOP_NOW.getTime() + 14 * DAY_MS).toISOString(),
    });
  });
});
