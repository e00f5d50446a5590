import { EntityManager } from '@mikro-orm/postgresql';
import { Points } from '@loyalty/kernel';
import { CLOCK, SharedTestClock } from '@loyalty/platform';
import { TierGroup } from '../entities/tier-group.entity';
import { Tier } from '../entities/tier.entity';
import { createLoyaltyWorld, LoyaltyWorld } from '../test-support/loyalty-fixture';
import { DeleteMember } from '../use-cases/members/delete-member.use-case';
import { RegisterMember } from '../use-cases/members/register-member.use-case';
import { AccruePoints } from '../use-cases/points/accrue-points.use-case';
import { AdjustPoints } from '../use-cases/points/adjust-points.use-case';
import { CancelTransaction } from '../use-cases/points/cancel-transaction.use-case';
import { RedeemPoints } from '../use-cases/points/redeem-points.use-case';
import { RollbackTransaction } from '../use-cases/points/rollback-transaction.use-case';
import { ReportGrouping } from './domain/report-periods';
import { foldLedgerDeltas } from './repositories/ledger-figures';
import { LedgerSummaryAnswer, SummarizeLedger } from './use-cases/summarize-ledger.use-case';

const ZONE = 'Europe/Warsaw';

interface Row {
  id: number;
  type: string;
  status: string;
  amount: bigint;
  created_at: Date;
  external_data: Record<string, unknown> | null;
  points_account_id: number;
  promotion_id: number | null;
  currency: string;
}

/** The local calendar date of an instant, read with Intl (not with the report's code). */
const localDate = (instant: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );

function label(instant: Date, grouping: ReportGrouping): string {
  const date = localDate(instant);
  if (grouping === 'day') return date;
  if (grouping === 'month') return `${date.slice(0, 8)}01`;
  const [y, m, d] = date.split('-').map(Number);
  const utc = Date.UTC(y, m - 1, d);
  const back = (new Date(utc).getUTCDay() + 6) % 7;
  return new Date(utc - back * 86_400_000).toISOString().slice(0, 10);
}

const counted = (row: Row) => row.status === 'posted' || row.status === 'cancelled';
const sum = (rows: Row[]) => rows.reduce((total, row) => total + row.amount, 0n);
const uncollectedOf = (row: Row) =>
  row.type === 'adjustment' && row.external_data?.['uncollected'] != null
    ? Points.parse(String(row.external_data['uncollected']))
    : 0n;

/** The same figures as the report, computed here from the transactions' rows. */
function expectedFigures(rows: Row[], periodLabel: string, grouping: ReportGrouping, currency: string, end: Date) {
  const mine = rows.filter((row) => row.currency === currency && label(row.created_at, grouping) === periodLabel);
  const live = mine.filter(counted);
  const of = (type: string) => live.filter((row) => row.type === type);
  const accrued = sum(of('accrual'));
  return {
    transactions: live.length,
    active_members: new Set(live.map((row) => row.points_account_id)).size,
    accrued: Points.format(accrued),
    initial_balance: Points.format(sum(of('initial_balance'))),
    redeemed: Points.format(-sum(of('redemption'))),
    expired: Points.format(-sum(of('expiration'))),
    cancelled: Points.format(-sum(of('cancellation').filter((row) => row.amount < 0n))),
    redemptions_returned: Points.format(sum(of('cancellation').filter((row) => row.amount > 0n))),
    adjusted: Points.format(sum(of('adjustment'))),
    uncollected: Points.format(of('adjustment').reduce((total, row) => total + uncollectedOf(row), 0n)),
    uncollected_count: of('adjustment').filter((row) => uncollectedOf(row) !== 0n).length,
    net_change: Points.format(sum(live)),
    outstanding: Points.format(
      sum(rows.filter((row) => row.currency === currency && counted(row) && row.created_at.getTime() <= end.getTime())),
    ),
  };
}

describe('loyalty/reports/summary against the ledger rows (real PostgreSQL, Europe/Warsaw across the DST switch)', () => {
  let world: LoyaltyWorld;
  let clock: SharedTestClock;
  let rows: Row[];
  const person = (n: number) => ({ matching: 'email' as const, email: `m${n}@example.com` });
  const at = (instant: string) => clock.set(new Date(instant));
  const summary = (dateFrom: string, dateTo: string, groupBy: ReportGrouping) =>
    world.as(() =>
      new SummarizeLedger(world.ctx.get(EntityManager)).execute({
        programId: world.program.id,
        dateFrom,
        dateTo,
        groupBy,
      }),
    );

  beforeAll(async () => {
    world = await createLoyaltyWorld('reports', ZONE, { TEST_CLOCK: 'true' });
    clock = world.ctx.get(CLOCK);
    await world.currency({ externalId: 'bonus', initialBalance: '5.00', validity: { unit: 'day', value: 10 } });
    const qp = await world.currency({ externalId: 'qp', type: 'qualification' });
    await world.triggerPromotion({
      externalId: 'promo-a',
      accrual: [{ points_currency_eid: 'bonus' }, { points_currency_eid: 'qp' }],
      redeem: [{ points_currency_eid: 'bonus' }],
    });
    await world.triggerPromotion({ externalId: 'promo-b', accrual: [{ points_currency_eid: 'bonus' }] });
    await world.as(async () => {
      const em = world.ctx.get(EntityManager).fork();
      const group = em.create(TierGroup, {
        account: world.accountId,
        program: world.program.id,
        name: 'Status',
        type: 'cumulative',
        currency: qp.id,
        createdAt: world.program.createdAt,
        updatedAt: world.program.createdAt,
      });
      await em.flush();
      em.create(Tier, {
        account: world.accountId,
        group: group.id,
        tierEid: 'bronze',
        name: 'Bronze',
        threshold: 0n,
        tierOrder: 0,
      });
      em.create(Tier, {
        account: world.accountId,
        group: group.id,
        tierEid: 'silver',
        name: 'Silver',
        threshold: Points.parse('100'),
        tierOrder: 1,
      });
      await em.flush();
    });

    const program = world.program.id;
    const op = <T>(fn: () => Promise<T>) => world.as(fn);
    const register = (n: number) =>
      op(() => world.ctx.get(RegisterMember).execute({ programId: program, person: person(n) }));
    let seq = 0;
    const accrue = (n: number, promotion: string, currency: string, amount: string, extra: object = {}) =>
      op(() =>
        world.ctx.get(AccruePoints).execute({
          programId: program,
          person: person(n),
          promotion,
          points_currency_eid: currency,
          amount,
          fingerprint: `f${(seq += 1)}`,
          ...extra,
        }),
      );
    const redeem = (n: number, amount: string, extra: object = {}) =>
      op(() =>
        world.ctx.get(RedeemPoints).execute({
          programId: program,
          person: person(n),
          promotion: 'promo-a',
          points_currency_eid: 'bonus',
          amount,
          fingerprint: `f${(seq += 1)}`,
          ...extra,
        }),
      );
    const cancel = (transactionId: number) =>
      op(() => world.ctx.get(CancelTransaction).execute({ programId: program, transactionId }));

    await at('2026-02-10T10:00:00.000Z');
    await register(5);
    await accrue(5, 'promo-b', 'bonus', '9.00');
    await at('2026-03-20T10:00:00.000Z');
    await register(1);
    await register(2);
    await accrue(1, 'promo-a', 'bonus', '100.00');
    await accrue(1, 'promo-a', 'qp', '150.00');
    await at('2026-03-28T22:30:00.000Z'); // 23:30 on 28 March, UTC+1
    const forty = await accrue(2, 'promo-b', 'bonus', '40.00', { description: 'Birthday, "gift"' });
    await at('2026-03-29T00:30:00.000Z'); // 01:30 on 29 March, still UTC+1 (the switch is at 01:00Z)
    const thirty = await redeem(1, '30.00');
    await at('2026-03-29T22:30:00.000Z'); // 00:30 on 30 March, UTC+2
    await register(3);
    await accrue(3, 'promo-b', 'bonus', '20.00');
    await at('2026-04-02T10:00:00.000Z');
    await accrue(2, 'promo-a', 'bonus', '7.00', { createdAt: '2026-03-15' }); // back-dated into the window
    await accrue(2, 'promo-a', 'bonus', '3.00', { createdAt: '2026-02-20T12:00:00+01:00' }); // back-dated before it
    await at('2026-04-03T08:00:00.000Z');
    await redeem(2, '38.00');
    await at('2026-04-03T09:00:00.000Z');
    await cancel(forty.transaction_id); // 2 left to take: 38 uncollected
    await at('2026-04-05T10:00:00.000Z');
    await cancel(thirty.transaction_id); // given back to expired lots: they expire again at once
    await at('2026-04-06T10:00:00.000Z');
    await op(() =>
      world.ctx.get(AdjustPoints).execute({
        programId: program,
        person: person(3),
        points_currency_eid: 'bonus',
        amount: '12.50',
        reason: 'goodwill',
        fingerprint: `f${(seq += 1)}`,
      }),
    );
    await at('2026-04-10T10:00:00.000Z');
    await accrue(3, 'promo-b', 'bonus', '10.00');
    await redeem(3, '4.00', { isTemp: true }); // released when the member is deleted
    const rolledBack = await redeem(3, '2.00', { isTemp: true });
    await op(() =>
      world.ctx.get(RollbackTransaction).execute({ programId: program, transactionId: rolledBack.transaction_id }),
    );
    await at('2026-04-20T10:00:00.000Z');
    await op(() => world.ctx.get(DeleteMember).execute({ programId: program, person: person(3) }));
    await at('2026-04-25T10:00:00.000Z');
    await register(4);
    await at('2026-04-26T10:00:00.000Z');
    await op(() =>
      world.ctx.get(RedeemPoints).execute({
        programId: program,
        person: person(4),
        promotion: 'promo-a',
        points_currency_eid: 'bonus',
        amount: '1.00',
        isTemp: true,
        tempTimeoutSec: 604_800,
        fingerprint: 'hold',
      }),
    ); // a hold still open: not counted

    const raw: Array<Record<string, unknown>> = await world.ctx
      .em()
      .getConnection()
      .execute(
        `select t.id, t.type, t.status, t.amount::text as amount, t.created_at, t.external_data, t.points_account_id,
              t.promotion_id, c.external_id as currency
         from points_transactions t join points_accounts a on a.id = t.points_account_id
         join points_currencies c on c.id = a.currency_id order by t.id`,
      );
    rows = raw.map((row) => ({
      id: Number(row['id']),
      type: String(row['type']),
      status: String(row['status']),
      amount: BigInt(String(row['amount'])),
      created_at: new Date(row['created_at'] as Date),
      external_data: row['external_data'] as Record<string, unknown> | null,
      points_account_id: Number(row['points_account_id']),
      promotion_id: row['promotion_id'] == null ? null : Number(row['promotion_id']),
      currency: String(row['currency']),
    }));
  });

  afterEach(() => world.expectSoundLedger());
  afterAll(() => world.close());

  it('has the mix the test needs: expirations dated before they were written, uncollected, holds, a write-off', () => {
    const types = rows.map((row) => `${row.type}/${row.status}`);
    expect(types).toEqual(expect.arrayContaining(['expiration/posted', 'cancellation/posted', 'adjustment/posted']));
    expect(types).toEqual(
      expect.arrayContaining(['redemption/temporary', 'redemption/rolled_back', 'accrual/cancelled']),
    );
    expect(rows.filter((row) => uncollectedOf(row) > 0n).map((row) => Points.format(uncollectedOf(row)))).toEqual([
      '38.00',
    ]);
    const expirations = rows.filter((row) => row.type === 'expiration');
    expect(expirations.some((late) => rows.some((row) => row.id < late.id && row.created_at > late.created_at))).toBe(
      true,
    );
  });

  for (const grouping of ['day', 'week', 'month'] as const) {
    it(`matches sums computed from the rows, grouped by ${grouping}, before and after the fold`, async () => {
      const before = (await summary('2026-03-01', '2026-04-30', grouping)).answer;
      await foldLedgerDeltas(world.ctx.em().fork());
      const after = (await summary('2026-03-01', '2026-04-30', grouping)).answer;
      expect(after).toEqual(before);
      expect(after.periods[0].start).toBe('2026-02-28T23:00:00.000Z');
      expect(after.periods[after.periods.length - 1].end).toBe('2026-04-30T21:59:59.999Z');
      for (const period of after.periods) {
        for (const currency of period.currencies) {
          expect({ period: period.period, ...currency }).toEqual({
            period: period.period,
            points_currency_iid: currency.points_currency_iid,
            points_currency_eid: currency.points_currency_eid,
            partner_funded: '0.00',
            partner_funded_share: '0.00',
            ...expectedFigures(rows, period.period, grouping, currency.points_currency_eid, new Date(period.end)),
          });
        }
      }
      const totalAccrued = (answer: LedgerSummaryAnswer, eid: string) =>
        answer.periods.reduce(
          (total, period) =>
            total + Points.parse(period.currencies.find((c) => c.points_currency_eid === eid)!.accrued),
          0n,
        );
      expect(Points.format(totalAccrued(after, 'bonus'))).toBe('177.00');
    });
  }

  it('counts members, tiers and promotions per month exactly', async () => {
    const { answer } = await summary('2026-03-01', '2026-04-30', 'month');
    expect(answer.periods.map((period) => period.period)).toEqual(['2026-03-01', '2026-04-01']);
    const [march, april] = answer.periods;
    expect([march.new_members, april.new_members, march.deleted_members, april.deleted_members]).toEqual([3, 1, 0, 1]);
    const bonus = (period: typeof march) => period.currencies.find((c) => c.points_currency_eid === 'bonus')!;
    expect([bonus(march).active_members, bonus(april).active_members]).toEqual([3, 4]);
    expect(march.tiers[0].tiers.map((tier) => [tier.tier_eid, tier.members])).toEqual([
      ['bronze', 3],
      ['silver', 1],
    ]);
    // at the end of April: m3 deleted, m4 registered; m1 silver
    expect(april.tiers[0].tiers.map((tier) => [tier.tier_eid, tier.members])).toEqual([
      ['bronze', 3],
      ['silver', 1],
    ]);
    expect(march.promotions.map((promotion) => [promotion.promotion_eid, promotion.uses, promotion.points])).toEqual([
      [
        'promo-a',
        4,
        [
          { points_currency_eid: 'bonus', accrued: '107.00', redeemed: '30.00' },
          { points_currency_eid: 'qp', accrued: '150.00', redeemed: '0.00' },
        ],
      ],
      ['promo-b', 2, [{ points_currency_eid: 'bonus', accrued: '60.00', redeemed: '0.00' }]],
    ]);
  });

  it("rebuilds the members' day bitmaps after the program's zone changed, reading the transactions meanwhile", async () => {
    const byDay = async () => (await summary('2026-03-01', '2026-04-30', 'day')).answer;
    await foldLedgerDeltas(world.ctx.em().fork());
    const warsaw = await byDay();
    const em = world.ctx.em().fork();
    await em.getConnection().execute(`update loyalty_programs set timezone = 'UTC' where id = ?`, [world.program.id]);
    const stale = await byDay();
    expect(stale.timezone).toBe('UTC');
    expect(stale.periods[0].start).toBe('2026-03-01T00:00:00.000Z');
    await foldLedgerDeltas(world.ctx.em().fork());
    expect(
      (
        await em
          .getConnection()
          .execute(`select timezone from report_activity_state where program_id = ?`, [world.program.id])
      )[0],
    ).toEqual({ timezone: 'UTC' });
    const rebuilt = await byDay();
    expect(rebuilt).toEqual(stale);
    // m3 joined at 00:30 on 30 March in Warsaw, 22:30 on 29 March in UTC; the expiries stay on the 30th
    const bonusOn = (answer: LedgerSummaryAnswer, day: string) =>
      answer.periods
        .find((period) => period.period === day)!
        .currencies.find((c) => c.points_currency_eid === 'bonus')!;
    expect([bonusOn(warsaw, '2026-03-29').active_members, bonusOn(warsaw, '2026-03-30').active_members]).toEqual([
      1, 3,
    ]);
    expect([bonusOn(rebuilt, '2026-03-29').active_members, bonusOn(rebuilt, '2026-03-30').active_members]).toEqual([
      2, 2,
    ]);
    for (const period of rebuilt.periods) {
      for (const currency of period.currencies) {
        expect(currency.active_members).toBe(
          new Set(
            rows
              .filter(
                (row) =>
                  counted(row) &&
                  row.currency === currency.points_currency_eid &&
                  row.created_at.toISOString().slice(0, 10) === period.period,
              )
              .map((row) => row.points_account_id),
          ).size,
        );
      }
    }
    await em.getConnection().execute(`update loyalty_programs set timezone = ? where id = ?`, [ZONE, world.program.id]);
    await foldLedgerDeltas(world.ctx.em().fork());
    expect(await byDay()).toEqual(warsaw);
  });

  it('counts a member once in a week across New Year, and adds members seen only in deltas not folded yet', async () => {
    let seq = 0;
    const accrue = (n: number, instant: string) =>
      at(instant).then(() =>
        world.as(() =>
          world.ctx.get(AccruePoints).execute({
            programId: world.program.id,
            person: person(n),
            promotion: 'promo-b',
            points_currency_eid: 'bonus',
            amount: '1.00',
            fingerprint: `ny${(seq += 1)}`,
          }),
        ),
      );
    const week = async () => {
      const { answer } = await summary('2026-12-28', '2027-01-03', 'week');
      return answer.periods.map((period) => [
        period.period,
        period.currencies.find((c) => c.points_currency_eid === 'bonus')!.active_members,
      ]);
    };
    await foldLedgerDeltas(world.ctx.em().fork());
    await accrue(1, '2026-12-31T12:00:00.000Z');
    await accrue(1, '2027-01-02T12:00:00.000Z');
    await accrue(2, '2027-01-01T12:00:00.000Z');
    expect(await week()).toEqual([['2026-12-28', 2]]); // from the deltas alone
    await foldLedgerDeltas(world.ctx.em().fork());
    expect(await week()).toEqual([['2026-12-28', 2]]); // from the two years' bitmaps, merged
    await accrue(1, '2027-01-03T12:00:00.000Z'); // already counted from the bitmaps
    await accrue(4, '2027-01-03T13:00:00.000Z'); // only in a delta
    expect(await week()).toEqual([['2026-12-28', 3]]);
    await foldLedgerDeltas(world.ctx.em().fork());
    expect(await week()).toEqual([['2026-12-28', 3]]);
  });

  it('reads ragged RFC 3339 edges from the transactions and the whole quarter hours from the buckets', async () => {
    const from = '2026-03-20T10:00:00.001Z';
    const to = '2026-04-03T08:07:00.000Z';
    const { answer } = await summary(from, to, 'month');
    const inWindow = rows.filter(
      (row) =>
        row.currency === 'bonus' &&
        counted(row) &&
        row.created_at.getTime() >= Date.parse(from) &&
        row.created_at.getTime() <= Date.parse(to),
    );
    const net = answer.periods.reduce(
      (total, period) =>
        total + Points.parse(period.currencies.find((c) => c.points_currency_eid === 'bonus')!.net_change),
      0n,
    );
    expect(Points.format(net)).toBe(Points.format(sum(inWindow)));
    expect(answer.periods[0].start).toBe('2026-03-20T10:00:00.001Z');
    const upTo = (instant: string) =>
      Points.format(
        sum(
          rows.filter(
            (row) => row.currency === 'bonus' && counted(row) && row.created_at.getTime() <= Date.parse(instant),
          ),
        ),
      );
    for (const fold of [false, true]) {
      if (fold) await foldLedgerDeltas(world.ctx.em().fork());
      const again = (await summary(from, to, 'month')).answer;
      const bonus = (period: (typeof again.periods)[number]) =>
        period.currencies.find((c) => c.points_currency_eid === 'bonus')!;
      expect(again.periods.map((period) => bonus(period).outstanding)).toEqual(
        again.periods.map((period) => upTo(period.end)),
      );
    }
  });
});
