import { SharedTestClock, CLOCK } from '@loyalty/platform';
import { CreatePointsCurrency, CreateTierGroup, GetMemberTiers } from '@loyalty/loyalty';
import { CommitPreorder } from './use-cases/commit-preorder.use-case';
import { CHECKOUT_NOW, CheckoutWorld, createCheckoutWorld } from './test-support/checkout-world';

const DAY_MS = 86_400_000;

/** examples.md E10, the order part: qualification points earned by an order make the tier once they activate. */
describe('checkout and tiers (real PostgreSQL)', () => {
  let world: CheckoutWorld;
  let groupId: number;

  beforeAll(async () => {
    world = await createCheckoutWorld('checkout-tiers');
    await world.as(() =>
      world.ctx.get(CreatePointsCurrency).execute(world.programId, {
        name: 'Qualification',
        external_id: 'qp',
        type: 'qualification',
        activation_delay_days: 14,
      }),
    );
    groupId = (
      await world.as(() =>
        world.ctx.get(CreateTierGroup).execute(world.programId, {
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
    await world.promotion({
      type: 'points',
      external_id: 'qp-per-100',
      accrual: { kind: 'per_amount', value: '1', per: '100.00', base: 'paid', points_currency_eid: 'qp' },
    });
    await world.member('vip@example.com');
  });

  afterAll(() => world.close());

  const currentTier = () =>
    world
      .as(() =>
        world.ctx.get(GetMemberTiers).execute({
          programId: world.programId,
          person: { matching: 'email', email: 'vip@example.com' },
          tiersGroupId: groupId,
        }),
      )
      .then((tiers) => tiers.at(-1));

  it('E10: 100,000.00 paid → 1,000 qp pending and still Bronze; Silver when they activate 14 days later', async () => {
    const committed = await world.as(() =>
      world.ctx
        .get(CommitPreorder)
        .execute(world.cart('vip-order', 'vip@example.com', [['p1', 1000]], { final_total_price: '100000.00' })),
    );
    expect(committed.points_accrued).toEqual([
      expect.objectContaining({
        points_currency_eid: 'qp',
        amount: '1000.00',
        activation_date: new Date(CHECKOUT_NOW.getTime() + 14 * DAY_MS).toISOString(),
      }),
    ]);
    expect(await currentTier()).toMatchObject({ tier_eid: 'bronze' });
    await world.ctx.get<SharedTestClock>(CLOCK).set(new Date(CHECKOUT_NOW.getTime() + 14 * DAY_MS));
    expect(await currentTier()).toMatchObject({
      tier_eid: 'silver',
      reached_at: new Date(CHECKOUT_NOW.getTime() + 14 * DAY_MS).toISOString(),
    });
  });
});
