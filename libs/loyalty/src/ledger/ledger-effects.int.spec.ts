import { EntityManager } from '@mikro-orm/postgresql';
import { OutboxEvent } from '@loyalty/platform';
import { Promotion } from '../entities/promotion.entity';
import { createLoyaltyWorld, LoyaltyWorld } from '../test-support/loyalty-fixture';
import { DeleteMember } from '../use-cases/members/delete-member.use-case';
import { RegisterMember } from '../use-cases/members/register-member.use-case';
import { AccruePoints } from '../use-cases/points/accrue-points.use-case';
import { RedeemPoints } from '../use-cases/points/redeem-points.use-case';
import { CancelTransaction } from '../use-cases/points/cancel-transaction.use-case';

/** Outbox events, lock waits and configuration changes as the points operations see them. */
describe('ledger effects (real PostgreSQL)', () => {
  let world: LoyaltyWorld;
  const who = { matching: 'email' as const, email: 'effects@example.com' };

  beforeAll(async () => {
    world = await createLoyaltyWorld('effects', 'UTC', { LOCK_WAIT_MS: '300' });
    await world.currency({ externalId: 'bonus', initialBalance: '5.00' });
    await world.triggerPromotion({ externalId: 'manual', accrual: [{}], redeem: [{}] });
  });

  afterEach(() => world.expectSoundLedger());
  afterAll(() => world.close());

  const operation = (useCase: typeof AccruePoints | typeof RedeemPoints, amount: string) =>
    world.as(() =>
      world.ctx.get<AccruePoints | RedeemPoints>(useCase).execute({
        programId: world.program.id,
        person: who,
        promotion: 'manual',
        points_currency_eid: 'bonus',
        amount,
        fingerprint: `${useCase.name}-${amount}-${Math.random()}`,
      }),
    );

  it('writes member.registered, points.accrued, points.redeemed, points.cancelled and member.deleted in the same transactions', async () => {
    await world.as(() => world.ctx.get(RegisterMember).execute({ programId: world.program.id, person: who }));
    await operation(AccruePoints, '10.00');
    const redeemed = await operation(RedeemPoints, '3.00');
    await world.as(() =>
      world.ctx.get(CancelTransaction).execute({ programId: world.program.id, transactionId: redeemed.transaction_id }),
    );
    await world.as(() => world.ctx.get(DeleteMember).execute({ programId: world.program.id, person: who }));
    const events = await world.ctx.em().find(OutboxEvent, {}, { filters: false, orderBy: { id: 'asc' } });
    expect(events.map((event) => [event.eventType, event.payload['amount'] ?? null])).toEqual([
      ['points.accrued', '5.00'],
      ['member.registered', null],
      ['points.accrued', '10.00'],
      ['points.redeemed', '-3.00'],
      ['points.cancelled', '3.00'],
      ['member.deleted', null],
    ]);
    expect(new Set(events.map((event) => event.subjectKey)).size).toBe(1);
  });

  it('answers BUSY (error 20) when the member stays locked longer than LOCK_WAIT_MS, and changes nothing', async () => {
    const other = { matching: 'email' as const, email: 'busy@example.com' };
    await world.as(() => world.ctx.get(RegisterMember).execute({ programId: world.program.id, person: other }));
    const holder = world.ctx.get(EntityManager).fork();
    await holder.begin();
    try {
      await holder.execute(
        `select a.id from points_accounts a join members m on m.id = a.member_id join profiles p on p.id = m.profile_id
          where p.email = ? for update of a`,
        [other.email],
      );
      const blocked = await world
        .as(() =>
          world.ctx.get(AccruePoints).execute({
            programId: world.program.id,
            person: other,
            promotion: 'manual',
            points_currency_eid: 'bonus',
            amount: '1.00',
            fingerprint: 'busy',
          }),
        )
        .catch((error: { code?: string }) => error.code);
      expect(blocked).toBe('BUSY');
    } finally {
      await holder.rollback();
    }
  });

  it('sees a promotion change made after its configuration was cached', async () => {
    const fresh = { matching: 'email' as const, email: 'config@example.com' };
    await world.as(() => world.ctx.get(RegisterMember).execute({ programId: world.program.id, person: fresh }));
    const accrue = () =>
      world.as(() =>
        world.ctx.get(AccruePoints).execute({
          programId: world.program.id,
          person: fresh,
          promotion: 'manual',
          points_currency_eid: 'bonus',
          amount: '1.00',
          fingerprint: `${Math.random()}`,
        }),
      );
    await accrue();
    await world.ctx.em().nativeUpdate(Promotion, { externalId: 'manual' }, { isActive: false }, { filters: false });
    await expect(accrue()).rejects.toMatchObject({ code: 'PROMOTION_NOT_APPLICABLE' });
    await world.ctx.em().nativeUpdate(Promotion, { externalId: 'manual' }, { isActive: true }, { filters: false });
    await expect(accrue()).resolves.toMatchObject({ amount: '1.00' });
  });
});
