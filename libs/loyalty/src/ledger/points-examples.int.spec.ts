import { CLOCK, SharedTestClock } from '@loyalty/platform';
import { createLoyaltyWorld, LoyaltyWorld } from '../test-support/loyalty-fixture';
import { GetBalance } from '../use-cases/account/get-balance.use-case';
import { GetExpiringPoints } from '../use-cases/account/get-expiring-points.use-case';
import { ListTransactions } from '../use-cases/account/list-transactions.use-case';
import { RegisterMember } from '../use-cases/members/register-member.use-case';
import { AccruePoints } from '../use-cases/points/accrue-points.use-case';
import { RedeemPoints } from '../use-cases/points/redeem-points.use-case';
import { CancelTransaction } from '../use-cases/points/cancel-transaction.use-case';
import { CommitTransaction } from '../use-cases/points/commit-transaction.use-case';

/** The worked examples E5, E8 and E11 of spec/examples.md, with an injected clock and no worker running. */
describe('points operations: worked examples (real PostgreSQL)', () => {
  let world: LoyaltyWorld;
  let clock: SharedTestClock;
  let person = 0;

  beforeAll(async () => {
    world = await createLoyaltyWorld('examples', 'UTC', { TEST_CLOCK: 'true' });
    clock = world.ctx.get(CLOCK);
    await world.currency({ externalId: 'bonus' });
    await world.triggerPromotion({
      externalId: 'manual',
      accrual: [{ points_currency_eid: 'bonus' }],
      redeem: [{ points_currency_eid: 'bonus' }],
    });
  });

  afterEach(() => world.expectSoundLedger());
  afterAll(() => world.close());

  const at = (instant: string) => clock.set(new Date(instant));
  const newMember = async () => {
    const email = `member${(person += 1)}@example.com`;
    await world.as(() =>
      world.ctx.get(RegisterMember).execute({ programId: world.program.id, person: { matching: 'email', email } }),
    );
    return { matching: 'email' as const, email };
  };
  const accrue = (who: object, amount: string, extra: object = {}) =>
    world.as(() =>
      world.ctx.get(AccruePoints).execute({
        programId: world.program.id,
        person: who,
        promotion: 'manual',
        points_currency_eid: 'bonus',
        amount,
        fingerprint: `accrue-${Math.random()}`,
        ...extra,
      }),
    );
  const redeem = (who: object, amount: string, extra: object = {}) =>
    world.as(() =>
      world.ctx.get(RedeemPoints).execute({
        programId: world.program.id,
        person: who,
        promotion: 'manual',
        points_currency_eid: 'bonus',
        amount,
        fingerprint: `redeem-${Math.random()}`,
        ...extra,
      }),
    );
  const balance = (who: object) =>
    world.as(() =>
      world.ctx.get(GetBalance).execute({ programId: world.program.id, person: who, points_currency_eid: 'bonus' }),
    );

  it('E11: a temporary accrual stays out of the active balance until committed', async () => {
    await at('2026-05-01T10:00:00.000Z');
    const who = await newMember();
    await accrue(who, '299.50');
    const temp = await accrue(who, '100.00', { isTemp: true, tempTimeoutSec: 600 });
    expect(temp.balance).toEqual({ active_balance: '299.50', total_balance: '399.50' });
    expect(await balance(who)).toMatchObject({ active_balance: '299.50', pending_balance: '100.00' });
    const committed = await world.as(() =>
      world.ctx.get(CommitTransaction).execute({ programId: world.program.id, transactionId: temp.transaction_id }),
    );
    expect(committed.balance.active_balance).toBe('399.50');
  });

  it('E11: without a commit, the accrual is gone after 600 s even though no worker ran', async () => {
    await at('2026-05-02T10:00:00.000Z');
    const who = await newMember();
    await accrue(who, '299.50');
    const temp = await accrue(who, '100.00', { isTemp: true, tempTimeoutSec: 600 });
    await at('2026-05-02T10:09:59.999Z');
    expect(await balance(who)).toMatchObject({ active_balance: '299.50', total_balance: '399.50' });
    await at('2026-05-02T10:10:00.000Z');
    expect(await balance(who)).toMatchObject({
      active_balance: '299.50',
      total_balance: '299.50',
      pending_balance: '0.00',
    });
    await expect(
      world.as(() =>
        world.ctx.get(CommitTransaction).execute({ programId: world.program.id, transactionId: temp.transaction_id }),
      ),
    ).rejects.toMatchObject({ code: 'TRANSACTION_STATE' });
  });

  it('E11: points activating in 14 days count in the total, not in the active balance', async () => {
    await at('2026-05-03T10:00:00.000Z');
    const who = await newMember();
    await accrue(who, '800.50');
    const pending = await accrue(who, '199.50', { activationDate: '2026-05-17T10:00:00.000Z' });
    expect(pending.balance).toEqual({ active_balance: '800.50', total_balance: '1000.00' });
    await at('2026-05-17T10:00:00.000Z');
    expect(await balance(who)).toMatchObject({ active_balance: '1000.00', pending_balance: '0.00' });
  });

  it('E11: expiring points in a window, both ends inclusive', async () => {
    await at('2023-08-01T00:00:00.000Z');
    const who = await newMember();
    await accrue(who, '100.24', { expirationDate: '2023-09-10T12:00:00Z' });
    await accrue(who, '50.00', { expirationDate: '2023-09-30T23:59:59.999Z' });
    await accrue(who, '70.00', { expirationDate: '2023-10-15T12:00:00Z' });
    const expiring = await world.as(() =>
      world.ctx.get(GetExpiringPoints).execute({
        programId: world.program.id,
        person: who,
        points_currency_eid: 'bonus',
        dateFrom: '2023-09-01',
        dateTo: '2023-09-30',
      }),
    );
    expect(expiring).toEqual({ expiring_points: '150.24' });
  });

  it('E5: redemption spends the earliest-expiring lots; a cancelled redemption returns to the same lots', async () => {
    await at('2025-12-01T09:00:00.000Z');
    const who = await newMember();
    await accrue(who, '500.00', { expirationDate: '2026-12-01T09:00:00Z' });
    await at('2026-03-10T09:00:00.000Z');
    await accrue(who, '300.00', { expirationDate: '2026-03-31T23:59:59.999Z' });
    await accrue(who, '200.00', { activationDate: '2026-03-20T00:00:00Z' });
    await at('2026-03-15T12:00:00.000Z');
    expect(await balance(who)).toMatchObject({ active_balance: '800.00', total_balance: '1000.00' });

    const redemption = await redeem(who, '600.00');
    expect(redemption.balance).toEqual({ active_balance: '200.00', total_balance: '400.00' });
    const expiring = await world.as(() =>
      world.ctx.get(GetExpiringPoints).execute({
        programId: world.program.id,
        person: who,
        points_currency_eid: 'bonus',
        dateFrom: '2026-03-17',
        dateTo: '2026-03-31',
      }),
    );
    expect(expiring.expiring_points).toBe('0.00');

    await at('2026-04-02T12:00:00.000Z');
    const cancelled = await world.as(() =>
      world.ctx
        .get(CancelTransaction)
        .execute({ programId: world.program.id, transactionId: redemption.transaction_id }),
    );
    expect(cancelled.balance).toEqual({ active_balance: '700.00', total_balance: '700.00' });
    const history = await world.as(() =>
      world.ctx
        .get(ListTransactions)
        .execute({ programId: world.program.id, person: who, points_currency_eid: 'bonus' }),
    );
    expect(history.items.map(({ transaction }) => [transaction.type, transaction.amount, transaction.status])).toEqual([
      ['expiration', -30000n, 'posted'],
      ['cancellation', 60000n, 'posted'],
      ['redemption', -60000n, 'cancelled'],
      ['accrual', 20000n, 'posted'],
      ['accrual', 30000n, 'posted'],
      ['accrual', 50000n, 'posted'],
    ]);
  });
});
