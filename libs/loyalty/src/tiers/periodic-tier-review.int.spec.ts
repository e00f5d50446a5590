import { MikroORM } from '@mikro-orm/postgresql';
import { CLOCK, JobQueues, OutboxEvent, SharedTestClock } from '@loyalty/platform';
import { TierHistoryEntry } from '../entities/tier-history-entry.entity';
import { createLoyaltyWorld, LoyaltyWorld } from '../test-support/loyalty-fixture';
import { GetMemberTiers } from '../use-cases/account/get-member-tiers.use-case';
import { RegisterMember } from '../use-cases/members/register-member.use-case';
import { AccruePoints } from '../use-cases/points/accrue-points.use-case';
import { CancelTransaction } from '../use-cases/points/cancel-transaction.use-case';
import { RunTierReview } from './run-tier-review.use-case';
import { scheduleTierReviews } from './schedule-tier-reviews';
import { planTierReviews } from './tier-review-plan';

// Quarterly reviews anchored on 1 January, in Warsaw (UTC+1 in winter, UTC+2 in summer).
const R0 = new Date('2025-12-31T23:00:00.000Z'); // 1 Jan 2026 00:00 +01
const R1 = new Date('2026-03-31T22:00:00.000Z'); // 1 Apr 00:00 +02
const R2 = new Date('2026-06-30T22:00:00.000Z'); // 1 Jul
const R3 = new Date('2026-09-30T22:00:00.000Z'); // 1 Oct
const R4 = new Date('2026-12-31T23:00:00.000Z'); // 1 Jan 2027 00:00 +01

describe('periodic tier reviews (real PostgreSQL)', () => {
  let world: LoyaltyWorld;
  let clock: SharedTestClock;
  let groupId: number;
  let reviews: RunTierReview;
  const people: Record<string, { matching: 'email'; email: string }> = {};

  beforeAll(async () => {
    world = await createLoyaltyWorld('tier-reviews', 'Europe/Warsaw', { TEST_CLOCK: 'true' });
    clock = world.ctx.get(CLOCK);
    reviews = new RunTierReview(world.ctx.get(MikroORM) as MikroORM, clock);
    const qp = await world.currency({ externalId: 'qp', type: 'qualification' });
    await world.triggerPromotion({ externalId: 'manual', accrual: [{ points_currency_eid: 'qp' }] });
    groupId = (
      await world.tierGroup({
        currencyId: qp.id,
        name: 'Season',
        type: 'periodic',
        reviewPeriodMonths: 3,
        reviewAnchorDate: '2026-01-01',
        createdAt: new Date('2025-12-15T10:00:00.000Z'),
        tiers: [
          ['basic', '0'],
          ['silver', '1000'],
          ['gold', '5000'],
        ],
      })
    ).groupId;
  });

  afterAll(() => world.close());

  const at = (instant: Date | string) => clock.set(new Date(instant));
  const register = async (name: string) => {
    people[name] = { matching: 'email', email: `${name}@example.com` };
    await world.as(() => world.ctx.get(RegisterMember).execute({ programId: world.program.id, person: people[name] }));
  };
  const accrue = async (name: string, amount: string, instant: string) => {
    await at(instant);
    return world.as(() =>
      world.ctx.get(AccruePoints).execute({
        programId: world.program.id,
        person: people[name],
        promotion: 'manual',
        points_currency_eid: 'qp',
        amount,
        fingerprint: `${name}-${instant}`,
      }),
    );
  };
  const tiers = async (name: string) =>
    (
      await world.as(() =>
        world.ctx
          .get(GetMemberTiers)
          .execute({ programId: world.program.id, person: people[name], tiersGroupId: groupId }),
      )
    ).map((tier) => `${tier.tier_eid}@${tier.reached_at}`);
  const history = async () =>
    (
      await world.ctx
        .em()
        .find(TierHistoryEntry, { group: groupId }, { filters: false, orderBy: { reachedAt: 'asc', member: 'asc' } })
    ).map((entry) => `${entry.member}:${entry.tier}@${entry.reachedAt.toISOString()}`);
  const events = async () =>
    (
      await world.ctx.em().find(OutboxEvent, { eventType: 'tier.changed' }, { filters: false, orderBy: { id: 'asc' } })
    ).map((event) => `${event.payload['profile_id']}:${event.payload['tier_eid']}@${event.payload['reached_at']}`);
  const profileOf = async (name: string) =>
    (await world.as(() => world.ctx.get(RegisterMember).execute({ programId: world.program.id, person: people[name] })))
      .profileId;

  it('holds the tier between reviews, then moves it up or down at each review by the period that ended', async () => {
    await at('2025-12-20T09:00:00.000Z');
    for (const name of ['ann', 'bob', 'cid', 'eve']) await register(name);
    const registered = '2025-12-20T09:00:00.000Z';

    // R0 closes a period in which nobody earned: nobody changes.
    await at(R0);
    expect(await reviews.execute(groupId, R0)).toEqual({ status: 'done', reviews: [R0], membersChanged: 0 });

    await accrue('ann', '1200.00', '2026-02-10T12:00:00.000Z');
    await accrue('bob', '4999.99', '2026-03-01T12:00:00.000Z');
    await accrue('bob', '0.01', '2026-03-31T21:59:59.999Z'); // the last millisecond of Q1 in Warsaw
    const cancelled = await accrue('eve', '2000.00', '2026-03-05T12:00:00.000Z');
    await world.as(() =>
      world.ctx
        .get(CancelTransaction)
        .execute({ programId: world.program.id, transactionId: cancelled.transaction_id }),
    );
    // Mid-period: no upgrade before the review.
    expect(await tiers('ann')).toEqual([`basic@${registered}`]);
    expect(await tiers('bob')).toEqual([`basic@${registered}`]);

    // At R1, before the worker runs, the read already shows the review's outcome.
    await at(R1);
    expect(await tiers('ann')).toEqual([`basic@${registered}`, `silver@${R1.toISOString()}`]);
    await at('2026-04-02T08:00:00.000Z'); // the worker is late
    expect(await reviews.execute(groupId, R1)).toEqual({ status: 'done', reviews: [R1], membersChanged: 2 });
    expect(await tiers('ann')).toEqual([`basic@${registered}`, `silver@${R1.toISOString()}`]);
    expect(await tiers('bob')).toEqual([`basic@${registered}`, `gold@${R1.toISOString()}`]);
    expect(await tiers('cid')).toEqual([`basic@${registered}`]);
    expect(await tiers('eve')).toEqual([`basic@${registered}`]); // the cancelled points do not count

    // Running it again changes nothing.
    const before = [await history(), await events()];
    expect(await reviews.execute(groupId, R1)).toEqual({ status: 'done', reviews: [], membersChanged: 0 });
    expect([await history(), await events()]).toEqual(before);

    // Q2: a new member, Ann earns Gold, Bob falls back, Cid reaches Silver on the first instant of Q2.
    await at('2026-05-01T10:00:00.000Z');
    await register('dan');
    await accrue('dan', '1000.00', '2026-05-02T10:00:00.000Z');
    await accrue('ann', '3000.00', '2026-04-15T10:00:00.000Z');
    await accrue('ann', '2000.00', '2026-06-30T21:59:59.999Z');
    await accrue('bob', '999.99', '2026-06-01T10:00:00.000Z');
    await accrue('cid', '1000.00', R1.toISOString());

    // A review that dies after its first batch (2 members), then runs again: each member changes once.
    await at('2026-07-01T06:00:00.000Z');
    expect(await reviews.execute(groupId, R2, { batchSize: 2, maxBatches: 1 })).toEqual({
      status: 'partial',
      reviews: [R2],
      membersChanged: 2,
    });
    // Ann and Bob are reviewed; Cid's change is still computed at read time.
    expect(await tiers('cid')).toEqual([`basic@${registered}`, `silver@${R2.toISOString()}`]);
    expect(await reviews.execute(groupId, R2, { batchSize: 2 })).toEqual({
      status: 'done',
      reviews: [R2],
      membersChanged: 2,
    });
    expect(await tiers('ann')).toEqual([
      `basic@${registered}`,
      `silver@${R1.toISOString()}`,
      `gold@${R2.toISOString()}`,
    ]);
    expect(await tiers('bob')).toEqual([
      `basic@${registered}`,
      `gold@${R1.toISOString()}`,
      `basic@${R2.toISOString()}`,
    ]);
    expect(await tiers('cid')).toEqual([`basic@${registered}`, `silver@${R2.toISOString()}`]);
    expect(await tiers('dan')).toEqual(['basic@2026-05-01T10:00:00.000Z', `silver@${R2.toISOString()}`]);
    expect(await tiers('eve')).toEqual([`basic@${registered}`]);

    // Nobody earns in Q3: everyone above Basic falls back at R3; R3 and R4 run late, in one job.
    await at('2027-01-05T10:00:00.000Z');
    expect(await reviews.execute(groupId, R4)).toEqual({ status: 'done', reviews: [R3, R4], membersChanged: 3 });
    expect(await tiers('ann')).toEqual([
      `basic@${registered}`,
      `silver@${R1.toISOString()}`,
      `gold@${R2.toISOString()}`,
      `basic@${R3.toISOString()}`,
    ]);

    const [ann, bob, cid, dan] = await Promise.all(['ann', 'bob', 'cid', 'dan'].map(profileOf));
    expect(await events()).toEqual([
      `${ann}:silver@${R1.toISOString()}`,
      `${bob}:gold@${R1.toISOString()}`,
      `${ann}:gold@${R2.toISOString()}`,
      `${bob}:basic@${R2.toISOString()}`,
      `${cid}:silver@${R2.toISOString()}`,
      `${dan}:silver@${R2.toISOString()}`,
      `${ann}:basic@${R3.toISOString()}`,
      `${cid}:basic@${R3.toISOString()}`,
      `${dan}:basic@${R3.toISOString()}`,
    ]);
    // Nine changes, plus the threshold-0 tier each of the five members holds from registration.
    expect(await history()).toHaveLength(9 + 5);
    const event = await world.ctx
      .em()
      .findOneOrFail(OutboxEvent, { eventType: 'tier.changed' }, { filters: false, orderBy: { id: 'asc' } });
    expect(event).toMatchObject({
      subjectKey: `profile:${ann}`,
      occurredAt: R1,
      payload: {
        loyalty_program_id: world.program.id,
        profile_id: ann,
        tiers_group_id: groupId,
        tier_eid: 'silver',
        tier_order: 1,
        threshold: '1000.00',
        reached_at: R1.toISOString(),
      },
    });
  });

  it('plans the queue from the database: the latest due review not done, and the next one', async () => {
    const em = world.ctx.em();
    expect(await planTierReviews(em, new Date('2027-01-05T10:00:00.000Z'))).toEqual([
      { groupId, due: null, next: new Date('2027-03-31T22:00:00.000Z') },
    ]);
    expect(await planTierReviews(em, new Date('2027-07-01T00:00:00.000Z'))).toEqual([
      { groupId, due: new Date('2027-06-30T22:00:00.000Z'), next: new Date('2027-09-30T22:00:00.000Z') },
    ]);
    expect(await reviews.execute(groupId, new Date('2027-09-30T22:00:00.000Z'))).toMatchObject({ status: 'not-due' });
  });

  it('queues the due review now and the next one delayed, under deterministic ids, again after Redis lost them', async () => {
    const em = world.ctx.em();
    const queues = world.ctx.get(JobQueues);
    const queue = queues.queue('loyalty');
    const first = new Date('2027-03-31T22:00:00.000Z');
    const second = new Date('2027-06-30T22:00:00.000Z');
    const job = (reviewAt: Date) => queue.getJob(`tier-review-${groupId}-${reviewAt.getTime()}`);

    const january = new Date('2027-01-05T10:00:00.000Z');
    await scheduleTierReviews(em, queues, january);
    await scheduleTierReviews(em, queues, january);
    expect(await queue.getJobCounts('waiting', 'delayed')).toMatchObject({ waiting: 0, delayed: 1 });
    const delayed = await job(first);
    expect(await delayed?.getState()).toBe('delayed');
    expect(delayed?.opts.delay).toBe(first.getTime() - january.getTime());
    expect(delayed?.data).toEqual({ tier_group_id: groupId, review_at: '2027-03-31T22:00:00.000Z' });

    // The platform clock passed the review before Redis's timer: the waiting job runs now.
    const april = new Date('2027-04-01T10:00:00.000Z');
    await scheduleTierReviews(em, queues, april);
    expect(await (await job(first))?.getState()).toBe('waiting');
    expect(await (await job(second))?.getState()).toBe('delayed');

    // Redis lost everything: the sweep puts both back from the database.
    await queue.obliterate({ force: true });
    await scheduleTierReviews(em, queues, april);
    expect(await (await job(first))?.getState()).toBe('waiting');
    expect(await (await job(second))?.getState()).toBe('delayed');
    expect(await queue.getJobCounts('waiting', 'delayed')).toMatchObject({ waiting: 1, delayed: 1 });
  });

  it('reviews thousands of members in batches: 5,000 fall from Silver to Basic, one row and one event each', async () => {
    const MEMBERS = 5_000;
    const em = world.ctx.em();
    const createdAt = new Date('2027-01-15T10:00:00.000Z');
    const registeredAt = new Date('2027-01-10T10:00:00.000Z');
    const review = new Date('2027-01-31T23:00:00.000Z'); // 1 February 2027, Warsaw
    const [{ id: monthly }]: Array<{ id: string }> = await em.execute(
      `insert into tier_groups (account_id, program_id, name, type, currency_id, review_period_months, review_anchor_date, created_at, updated_at)
       select account_id, program_id, 'Monthly', 'periodic', currency_id, 1, '2027-01-01', ?, ? from tier_groups where id = ?
       returning id`,
      [createdAt, createdAt, groupId],
    );
    await em.execute(
      `insert into tiers (account_id, group_id, tier_eid, name, threshold, tier_order)
       select account_id, ?, tier_eid, name, threshold, tier_order from tiers where group_id = ?`,
      [monthly, groupId],
    );
    await em.execute(
      `insert into profiles (id, account_id, database_id, email, custom_fields, created_at, updated_at)
       select 'bulk' || lpad(n::text, 20, '0'), ?, ?, 'bulk' || n || '@example.com', '{}', ?, ? from generate_series(1, ?) n`,
      [world.accountId, world.dbId, registeredAt, registeredAt, MEMBERS],
    );
    await em.execute(
      `insert into members (account_id, program_id, profile_id, status, registered_at)
       select account_id, ?, id, 'active', ? from profiles where id like 'bulk%' order by id`,
      [world.program.id, registeredAt],
    );
    await em.execute(
      `insert into member_tier_history (account_id, member_id, group_id, tier_id, reached_at, recorded_at)
       select m.account_id, m.id, ?, t.id, ?, ? from members m, tiers t
        where m.profile_id like 'bulk%' and t.group_id = ? and t.tier_eid = 'silver'`,
      [monthly, registeredAt, registeredAt, monthly],
    );
    const eventsBefore = await em.count(OutboxEvent, { eventType: 'tier.changed' }, { filters: false });

    await at('2027-02-01T06:00:00.000Z');
    const startedAt = performance.now();
    expect(await reviews.execute(Number(monthly), review)).toEqual({
      status: 'done',
      reviews: [review],
      membersChanged: MEMBERS,
    });
    const elapsedMs = performance.now() - startedAt;
    expect(await reviews.execute(Number(monthly), review)).toMatchObject({ membersChanged: 0 });
    expect(await em.count(TierHistoryEntry, { group: Number(monthly), reachedAt: review }, { filters: false })).toBe(
      MEMBERS,
    );
    expect(await em.count(OutboxEvent, { eventType: 'tier.changed' }, { filters: false })).toBe(eventsBefore + MEMBERS);
    console.log(`tier review: ${MEMBERS} members, ${MEMBERS} changes in ${Math.round(elapsedMs)} ms`);
  });
});
