import { EVENT_DATA_SCHEMAS, validateJson } from '@loyalty/contracts';
import { CLOCK, OutboxEvent, SharedTestClock } from '@loyalty/platform';
import { LoyaltyProgram } from '../entities/loyalty-program.entity';
import { PointsAccount } from '../entities/points-account.entity';
import { PointsLot } from '../entities/points-lot.entity';
import { PointsTransaction } from '../entities/points-transaction.entity';
import { TierHistoryEntry } from '../entities/tier-history-entry.entity';
import { createLoyaltyWorld, LoyaltyWorld } from '../test-support/loyalty-fixture';
import { GetBalance } from '../use-cases/account/get-balance.use-case';
import { ListMembers } from '../use-cases/members/list-members.use-case';
import { RegisterMember } from '../use-cases/members/register-member.use-case';
import { AccruePoints, AccruePointsInput } from '../use-cases/points/accrue-points.use-case';
import { CancelTransaction } from '../use-cases/points/cancel-transaction.use-case';
import { RedeemPoints } from '../use-cases/points/redeem-points.use-case';
import { dueBuckets, nextDueInstant } from './due-store';
import { programsDueForNotices, sendExpiryNotices } from './expiry-notices';
import { settleDueLedgers } from './settle-due-ledgers';

/**
 * The worker's time-driven ledger effects, driven directly with a fake clock: expiries at the
 * program's local end of day (E8), activation of pending lots and the tiers they reach (E10),
 * temporary transactions past their deadline (E11), give-back to a lot the worker expired (E5),
 * and expiry notices — each exactly once.
 */
describe('due ledger effects (real PostgreSQL)', () => {
  let world: LoyaltyWorld;
  let clock: SharedTestClock;
  let person = 0;
  let silverId: number;

  beforeAll(async () => {
    world = await createLoyaltyWorld('due', 'Europe/Warsaw', { TEST_CLOCK: 'true' });
    clock = world.ctx.get(CLOCK);
    await world.currency({ externalId: 'month', validity: { unit: 'month', value: 1 } });
    await world.currency({ externalId: 'ten', validity: { unit: 'day', value: 10 } });
    await world.currency({ externalId: 'late', activationDelayDays: 14 });
    await world.currency({ externalId: 'free' });
    const qp = await world.currency({ externalId: 'qp', type: 'qualification', activationDelayDays: 14 });
    await world.triggerPromotion({
      externalId: 'manual',
      accrual: ['month', 'ten', 'late', 'free', 'qp'].map((points_currency_eid) => ({ points_currency_eid })),
      redeem: [{ points_currency_eid: 'free' }],
    });
    const status = await world.tierGroup({
      currencyId: qp.id,
      tiers: [
        ['bronze', '0'],
        ['silver', '1000'],
        ['gold', '5000'],
      ],
    });
    silverId = status.tierIds[1];
  });

  afterEach(() => world.expectSoundLedger());
  afterAll(async () => {
    const events = await world.ctx.em().find(OutboxEvent, {}, { filters: false });
    const kinds = ['points.activated', 'points.expiring', 'points.expired', 'tier.changed'] as const;
    for (const kind of kinds) expect(events.filter((event) => event.eventType === kind).length).toBeGreaterThan(0);
    for (const event of events.filter((candidate) => (kinds as readonly string[]).includes(candidate.eventType))) {
      expect([
        event.eventType,
        validateJson(EVENT_DATA_SCHEMAS[event.eventType as (typeof kinds)[number]], event.payload),
      ]).toEqual([event.eventType, []]);
    }
  });
  afterAll(() => world.close());

  const at = (instant: string) => clock.set(new Date(instant));
  const em = () => world.ctx.em();
  const settle = (instant: string, limit = 500) => settleDueLedgers(em(), world.accountId, new Date(instant), limit);
  const newMember = async () => {
    const email = `m${(person += 1)}@example.com`;
    await world.as(() =>
      world.ctx.get(RegisterMember).execute({ programId: world.program.id, person: { matching: 'email', email } }),
    );
    return { matching: 'email' as const, email };
  };
  const accrue = (who: object, currency: string, amount: string, extra: Partial<AccruePointsInput> = {}) =>
    world.as(() =>
      world.ctx.get(AccruePoints).execute({
        programId: world.program.id,
        person: who as AccruePointsInput['person'],
        promotion: 'manual',
        points_currency_eid: currency,
        amount,
        fingerprint: `${Math.random()}`,
        ...extra,
      }),
    );
  const reread = (account: PointsAccount) =>
    em().fork().findOneOrFail(PointsAccount, { id: account.id }, { filters: false });
  const accountOf = async (transactionId: number) => {
    const transaction = await em().findOneOrFail(PointsTransaction, { id: transactionId }, { filters: false });
    return em().findOneOrFail(PointsAccount, { id: transaction.pointsAccount }, { filters: false });
  };
  const transactionsOf = (accountId: number, type: string) =>
    em().find(PointsTransaction, { pointsAccount: accountId, type } as never, {
      filters: false,
      orderBy: { id: 'asc' },
    });
  const eventsAbout = async (eventType: string, transactionOrLot: { transaction_id?: number; lot_id?: number }) =>
    (await em().find(OutboxEvent, { eventType }, { filters: false, orderBy: { id: 'asc' } })).filter((event) =>
      Object.entries(transactionOrLot).every(([key, value]) => event.payload[key] === value),
    );

  it('E8: a month from 31 January expires at the end of 28 February local time, once, dated at the expiry instant', async () => {
    await at('2025-01-31T10:00:00.000Z');
    const who = await newMember();
    const accrued = await accrue(who, 'month', '10.00');
    let account = await accountOf(accrued.transaction_id);
    const bucket = (await dueBuckets(em(), new Date('2025-03-01T00:00:00.000Z'))).find(
      (candidate) =>
        candidate.tenant === world.accountId && candidate.firstDueAt.toISOString() === '2025-02-28T23:00:00.000Z',
    );
    expect(bucket?.minute).toBe(Date.parse('2025-02-28T23:00:00.000Z'));

    expect((await settle('2025-02-28T22:59:59.999Z')).expired).toBe(0);
    const pass = await settle('2025-02-28T23:00:00.000Z');
    expect(pass).toMatchObject({ expired: 1, throughLedger: 0 });
    expect((await settle('2025-02-28T23:05:00.000Z')).accounts).toBe(0);

    const [expiration] = await transactionsOf(account.id, 'expiration');
    expect(expiration).toMatchObject({
      amount: -1000n,
      balanceBefore: 1000n,
      balanceAfter: 0n,
      relatedTransaction: accrued.transaction_id,
    });
    expect(expiration.createdAt.toISOString()).toBe('2025-02-28T22:59:59.999Z');
    expect(await transactionsOf(account.id, 'expiration')).toHaveLength(1);
    account = await reread(account);
    expect([account.active, account.pending]).toEqual([0n, 0n]);
    expect(await eventsAbout('points.expired', { transaction_id: expiration.id })).toHaveLength(1);
  });

  it('E8: ten days from 20 March expire at 21:59:59.999Z on 30 March (after the switch to UTC+2)', async () => {
    await at('2025-03-20T12:00:00.000Z');
    const who = await newMember();
    const accrued = await accrue(who, 'ten', '10.00');
    const account = await accountOf(accrued.transaction_id);
    expect(
      await nextDueInstant(
        em(),
        world.accountId,
        new Date('2025-03-30T21:00:00.000Z'),
        new Date('2025-03-31T00:00:00.000Z'),
      ),
    ).toEqual(new Date('2025-03-30T22:00:00.000Z'));
    await settle('2025-03-30T21:59:59.999Z');
    expect(await transactionsOf(account.id, 'expiration')).toHaveLength(0);
    await settle('2025-03-30T22:00:00.000Z');
    const [expiration] = await transactionsOf(account.id, 'expiration');
    expect(expiration.createdAt.toISOString()).toBe('2025-03-30T21:59:59.999Z');
  });

  it('activates pending points at their instant: the cached balance moves and points.activated is written once', async () => {
    await at('2025-05-01T08:00:00.000Z');
    const who = await newMember();
    const accrued = await accrue(who, 'late', '199.50');
    let account = await accountOf(accrued.transaction_id);
    await settle('2025-05-15T07:59:59.999Z');
    account = await reread(account);
    expect([account.active, account.pending]).toEqual([0n, 19950n]);
    await settle('2025-05-15T08:00:00.000Z');
    await settle('2025-05-15T08:00:01.000Z');
    account = await reread(account);
    expect([account.active, account.pending]).toEqual([19950n, 0n]);
    const lot = await em().findOneOrFail(PointsLot, { transaction: accrued.transaction_id }, { filters: false });
    const events = await eventsAbout('points.activated', { lot_id: lot.id });
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({
      amount: '199.50',
      debt_paid: '0.00',
      activated_at: '2025-05-15T08:00:00.000Z',
    });
    expect(events[0].occurredAt.toISOString()).toBe('2025-05-15T08:00:00.000Z');
  });

  it('E10: qualification points that activate after 14 days make the member Silver, reached at the activation instant', async () => {
    await at('2025-06-01T12:00:00.000Z');
    const who = await newMember();
    const accrued = await accrue(who, 'qp', '1000');
    const account = await accountOf(accrued.transaction_id);
    const pass = await settle('2025-06-15T12:00:00.000Z');
    expect(pass.throughLedger).toBe(1);
    const silver = await em().find(TierHistoryEntry, { member: account.member, tier: silverId }, { filters: false });
    expect(silver.map((entry) => entry.reachedAt.toISOString())).toEqual(['2025-06-15T12:00:00.000Z']);
    const changes = (await em().find(OutboxEvent, { eventType: 'tier.changed' }, { filters: false })).filter(
      (event) => event.payload['tier_id'] === silverId && event.subjectKey === `profile:${event.payload['profile_id']}`,
    );
    expect(changes).toHaveLength(1);
    await settle('2025-06-16T12:00:00.000Z');
    expect(await em().count(TierHistoryEntry, { member: account.member, tier: silverId }, { filters: false })).toBe(1);
    const holding = async (tierEid: string) =>
      (
        await world.as(() => world.ctx.get(ListMembers).execute({ programId: world.program.id, tierEid, limit: 1000 }))
      ).items.map((item) => item.member.id);
    expect(await holding('silver')).toContain(account.member);
    expect(await holding('bronze')).not.toContain(account.member);
    expect(await holding('gold')).not.toContain(account.member);
  });

  it('E11: a temporary accrual not committed within 600 s is rolled back by the worker at its deadline', async () => {
    await at('2025-07-01T10:00:00.000Z');
    const who = await newMember();
    await accrue(who, 'free', '299.50');
    const temp = await accrue(who, 'free', '100.00', { isTemp: true, tempTimeoutSec: 600 });
    let account = await accountOf(temp.transaction_id);
    await settle('2025-07-01T10:09:59.999Z');
    expect((await em().findOneOrFail(PointsTransaction, { id: temp.transaction_id }, { filters: false })).status).toBe(
      'temporary',
    );
    const pass = await settle('2025-07-01T10:10:00.000Z');
    expect(pass.throughLedger).toBe(1);
    expect((await em().findOneOrFail(PointsTransaction, { id: temp.transaction_id }, { filters: false })).status).toBe(
      'rolled_back',
    );
    account = await reread(account);
    expect([account.active, account.pending, account.held]).toEqual([29950n, 0n, 0n]);
  });

  it('E5: points given back to a lot the worker already expired expire at once (L2 500 and L1 300, 600 redeemed)', async () => {
    await at('2024-12-01T10:00:00.000Z');
    const who = await newMember();
    await accrue(who, 'free', '500.00', { expirationDate: '2025-12-01' });
    await at('2025-03-15T10:00:00.000Z');
    const l1 = await accrue(who, 'free', '300.00', { expirationDate: '2025-03-31' });
    const redeemed = await world.as(() =>
      world.ctx.get(RedeemPoints).execute({
        programId: world.program.id,
        person: who,
        promotion: 'manual',
        points_currency_eid: 'free',
        amount: '600.00',
        fingerprint: 'e5',
      }),
    );
    await settle('2025-03-31T22:00:00.000Z');
    const lot = await em().findOneOrFail(PointsLot, { transaction: l1.transaction_id }, { filters: false });
    expect([lot.expired, lot.remaining]).toEqual([true, 0n]);
    await at('2025-04-02T10:00:00.000Z');
    await world.as(() =>
      world.ctx.get(CancelTransaction).execute({ programId: world.program.id, transactionId: redeemed.transaction_id }),
    );
    const balance = await world.as(() =>
      world.ctx.get(GetBalance).execute({ programId: world.program.id, person: who, points_currency_eid: 'free' }),
    );
    expect(balance).toMatchObject({ active_balance: '500.00', total_balance: '500.00' });
    const expirations = await transactionsOf(lot.pointsAccount, 'expiration');
    expect(expirations.map((row) => [row.amount, row.balanceBefore, row.balanceAfter])).toEqual([
      [-30000n, 80000n, 50000n],
    ]);
  });

  it('passes share the work: a limit splits it, and concurrent passes expire every lot exactly once', async () => {
    await at('2025-08-01T10:00:00.000Z');
    const accounts: number[] = [];
    for (let index = 0; index < 9; index += 1) {
      const accrued = await accrue(await newMember(), 'free', '5.00', { expirationDate: '2025-08-10' });
      accounts.push((await accountOf(accrued.transaction_id)).id);
    }
    const after = '2025-08-10T22:00:00.000Z';
    expect(await settle(after, 4)).toMatchObject({ accounts: 4, expired: 4 });
    const concurrent = await Promise.all([settle(after, 2), settle(after, 2), settle(after, 2)]);
    const rest = await settle(after, 100);
    // A pass may lock an account another pass settled a moment before (its due list was read
    // earlier); it finds nothing left to do there, so what counts is what each pass expired.
    expect(concurrent.reduce((sum, pass) => sum + pass.expired, 0) + rest.expired).toBe(5);
    for (const account of accounts) expect(await transactionsOf(account, 'expiration')).toHaveLength(1);
  });

  it('sends a points.expiring notice per member, currency, expiry date and notice day, with the summed amount, once', async () => {
    await em().nativeUpdate(LoyaltyProgram, { id: world.program.id }, { expiryNoticeDays: [7, 1] }, { filters: false });
    await at('2025-09-01T10:00:00.000Z');
    const who = await newMember();
    await accrue(who, 'free', '10.00', { expirationDate: '2025-09-20' });
    await accrue(who, 'free', '2.50', { expirationDate: '2025-09-20' });
    await accrue(who, 'free', '99.00', { expirationDate: '2025-09-21' });
    const program = {
      id: world.program.id,
      tenant: world.accountId,
      timezone: 'Europe/Warsaw',
      expiryNoticeDays: [7, 1],
    };

    const due = await programsDueForNotices(em(), new Date('2025-09-12T22:30:00.000Z'));
    expect(due.find((entry) => entry.program.id === world.program.id)?.localDate).toBe('2025-09-13');
    expect(await sendExpiryNotices(em(), program, '2025-09-13', new Date('2025-09-12T22:30:00.000Z'))).toBe(1);
    expect(await sendExpiryNotices(em(), program, '2025-09-13', new Date('2025-09-12T23:30:00.000Z'))).toBeNull();
    expect(
      (await programsDueForNotices(em(), new Date('2025-09-12T22:31:00.000Z'))).map((entry) => entry.program.id),
    ).not.toContain(world.program.id);
    await sendExpiryNotices(em(), program, '2025-09-14', new Date('2025-09-13T22:30:00.000Z'));
    await sendExpiryNotices(em(), program, '2025-09-19', new Date('2025-09-18T22:30:00.000Z'));

    const notices = (
      await em().find(OutboxEvent, { eventType: 'points.expiring' }, { filters: false, orderBy: { id: 'asc' } })
    )
      .filter((event) => event.payload['points_currency_eid'] === 'free')
      .map((event) => [
        event.payload['expiry_date'],
        event.payload['notice_days'],
        event.payload['amount'],
        event.payload['expires_before'],
      ]);
    expect(notices).toEqual([
      ['2025-09-20', 7, '12.50', '2025-09-20T22:00:00.000Z'],
      ['2025-09-21', 7, '99.00', '2025-09-21T22:00:00.000Z'],
      ['2025-09-20', 1, '12.50', '2025-09-20T22:00:00.000Z'],
    ]);
  });
});
