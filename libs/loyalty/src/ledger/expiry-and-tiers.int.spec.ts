import { CLOCK, OutboxEvent, SharedTestClock } from '@loyalty/platform';
import { PointsLot } from '../entities/points-lot.entity';
import { createLoyaltyWorld, LoyaltyWorld } from '../test-support/loyalty-fixture';
import { GetBalance } from '../use-cases/account/get-balance.use-case';
import { GetMemberTiers } from '../use-cases/account/get-member-tiers.use-case';
import { RegisterMember } from '../use-cases/members/register-member.use-case';
import { AccruePoints } from '../use-cases/points/accrue-points.use-case';
import { RedeemPoints } from '../use-cases/points/redeem-points.use-case';

/** E8 (expiry in the program's time zone, across DST) and cumulative tiers from qualification points. */
describe('expiry dates and tiers (real PostgreSQL)', () => {
  let world: LoyaltyWorld;
  let clock: SharedTestClock;
  let person = 0;
  let groupId: number;

  beforeAll(async () => {
    world = await createLoyaltyWorld('expiry', 'Europe/Warsaw', { TEST_CLOCK: 'true' });
    clock = world.ctx.get(CLOCK);
    await world.currency({ externalId: 'month', validity: { unit: 'month', value: 1 } });
    await world.currency({ externalId: 'ten', validity: { unit: 'day', value: 10 } });
    const qp = await world.currency({ externalId: 'qp', type: 'qualification', activationDelayDays: 14 });
    await world.triggerPromotion({
      externalId: 'manual',
      accrual: [{ points_currency_eid: 'month' }, { points_currency_eid: 'ten' }, { points_currency_eid: 'qp' }],
      redeem: [{ points_currency_eid: 'ten' }],
    });
    groupId = (
      await world.tierGroup({
        currencyId: qp.id,
        tiers: [
          ['bronze', '0'],
          ['silver', '1000'],
          ['gold', '5000'],
        ],
      })
    ).groupId;
  });

  afterEach(() => world.expectSoundLedger());
  afterAll(() => world.close());

  const at = (instant: string) => clock.set(new Date(instant));
  const newMember = async () => {
    const email = `m${(person += 1)}@example.com`;
    await world.as(() =>
      world.ctx.get(RegisterMember).execute({ programId: world.program.id, person: { matching: 'email', email } }),
    );
    return { matching: 'email' as const, email };
  };
  const accrue = (who: object, currency: string, amount: string) =>
    world.as(() =>
      world.ctx.get(AccruePoints).execute({
        programId: world.program.id,
        person: who,
        promotion: 'manual',
        points_currency_eid: currency,
        amount,
        fingerprint: `${Math.random()}`,
      }),
    );
  const lotExpiry = async (transactionId: number) =>
    (
      await world.ctx.em().findOneOrFail(PointsLot, { transaction: transactionId }, { filters: false })
    ).expiresAt?.toISOString();

  it('E8: one month from 31 January ends with 28 February, local (UTC+1)', async () => {
    await at('2025-01-31T10:00:00.000Z');
    const who = await newMember();
    const accrued = await accrue(who, 'month', '10.00');
    expect(await lotExpiry(accrued.transaction_id)).toBe('2025-02-28T22:59:59.999Z');
  });

  it('E8: ten days from 20 March end on 30 March after the switch to UTC+2; a redemption a minute later cannot use them', async () => {
    await at('2025-03-20T12:00:00.000Z');
    const who = await newMember();
    const accrued = await accrue(who, 'ten', '10.00');
    expect(await lotExpiry(accrued.transaction_id)).toBe('2025-03-30T21:59:59.999Z');
    await at('2025-03-30T21:59:59.999Z');
    const last = await world.as(() =>
      world.ctx.get(GetBalance).execute({ programId: world.program.id, person: who, points_currency_eid: 'ten' }),
    );
    expect(last).toMatchObject({ active_balance: '10.00' });
    await at('2025-03-30T22:01:00.000Z');
    await expect(
      world.as(() =>
        world.ctx.get(RedeemPoints).execute({
          programId: world.program.id,
          person: who,
          promotion: 'manual',
          points_currency_eid: 'ten',
          amount: '1.00',
          fingerprint: 'late',
        }),
      ),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_POINTS' });
  });

  it('E10 (ledger part): qualification points pending for 14 days, then Silver at the activation instant, with tier.changed', async () => {
    await at('2026-04-01T10:00:00.000Z');
    const who = await newMember();
    await accrue(who, 'qp', '1000.00');
    const tiers = () =>
      world.as(() =>
        world.ctx.get(GetMemberTiers).execute({ programId: world.program.id, person: who, tiersGroupId: groupId }),
      );
    expect((await tiers()).map((tier) => tier.tier_eid)).toEqual(['bronze']);
    await at('2026-04-15T10:00:00.000Z');
    expect(await tiers()).toEqual([
      {
        tiers_group_type: 'cumulative',
        tier_eid: 'bronze',
        tier_id: expect.any(Number),
        tier_order: 0,
        reached_at: '2026-04-01T10:00:00.000Z',
      },
      {
        tiers_group_type: 'cumulative',
        tier_eid: 'silver',
        tier_id: expect.any(Number),
        tier_order: 1,
        reached_at: '2026-04-15T10:00:00.000Z',
      },
    ]);
    await accrue(who, 'qp', '1.00');
    const changed = await world.ctx.em().find(OutboxEvent, { eventType: 'tier.changed' }, { filters: false });
    expect(changed.map((event) => [event.payload['tier_eid'], event.occurredAt.toISOString()])).toEqual([
      ['silver', '2026-04-15T10:00:00.000Z'],
    ]);
  });
});
