import type { EntityManager } from '@mikro-orm/postgresql';
import { planSpan } from '../domain/report-periods';

/** Statuses whose transactions count in the figures: posted, and posted then cancelled (its reversal counts on its own). */
export const COUNTED_STATUSES = `('posted', 'cancelled')`;

const BUCKET = `date_bin('15 minutes', d.created_at, timestamptz '2000-01-01T00:00:00Z')`;

/** One row of the ledger's counted figures: a currency, a figure (the transaction type, cancellations split by sign) and a promotion (0 = none). */
export interface FigureRow {
  period: number;
  currencyId: number;
  figure: string;
  promotionId: number;
  amount: bigint;
  n: bigint;
  uncollected: bigint;
  partnerFunded: bigint;
}

export const pgTimestampArray = (instants: Date[]) => `{${instants.map((instant) => instant.toISOString()).join(',')}}`;

/**
 * The counted figures of `[lo, hi)` as one SQL source with columns (currency_id, at, figure,
 * promotion_id, amount, n, uncollected, partner_funded): quarter hours wholly inside the span from
 * the folded buckets plus the deltas not folded yet, the ragged ends from the transactions.
 */
export function figureSource(programId: number, lo: Date, hi: Date): { sql: string; params: unknown[] } {
  const plan = planSpan(lo, hi);
  const parts: string[] = [];
  const params: unknown[] = [];
  if (plan.folded) {
    const [a, b] = plan.folded;
    parts.push(`select currency_id, bucket as at, type as figure, promotion_id, amount, n, uncollected, partner_funded
                  from report_ledger_buckets where program_id = ? and bucket >= ? and bucket < ?`);
    params.push(programId, a, b);
    parts.push(`select a.currency_id, d.created_at, report_ledger_figure(d.type, d.amount * d.n, d.uncollected), coalesce(d.promotion_id, 0),
                       d.amount, d.n::bigint, d.uncollected, d.partner_funded
                  from report_ledger_deltas d join points_accounts a on a.id = d.points_account_id
                 where d.program_id = ? and d.created_at >= ? and d.created_at < ?`);
    params.push(programId, a, b);
  }
  for (const [rawLo, rawHi] of plan.raw) {
    parts.push(`select a.currency_id, t.created_at, report_ledger_figure(t.type, t.amount, report_ledger_uncollected(t.type, t.external_data)), coalesce(t.promotion_id, 0),
                       t.amount, 1::bigint, report_ledger_uncollected(t.type, t.external_data),
                       report_ledger_partner_funded(t.type, t.source_type, t.external_data)
                  from points_transactions t join points_accounts a on a.id = t.points_account_id
                 where t.program_id = ? and t.status in ${COUNTED_STATUSES} and t.created_at >= ? and t.created_at < ?`);
    params.push(programId, rawLo, rawHi);
  }
  if (parts.length === 0) {
    return {
      sql: `select null::bigint as currency_id, null::timestamptz as at, null::text as figure, null::bigint as promotion_id,
                   0::bigint as amount, 0::bigint as n, 0::bigint as uncollected, 0::bigint as partner_funded where false`,
      params: [],
    };
  }
  return {
    sql: parts.map((part) => `(${part})`).join(' union all '),
    params,
  };
}

/** Sums of the counted figures per period (1-based index into `starts`), currency, figure and promotion. */
export async function figuresByPeriod(
  em: EntityManager,
  programId: number,
  from: Date,
  to: Date,
  starts: Date[],
): Promise<FigureRow[]> {
  const source = figureSource(programId, from, new Date(to.getTime() + 1));
  const rows: Array<Record<string, string>> = await em.execute(
    `select width_bucket(s.at, ?::timestamptz[]) as period, s.currency_id, s.figure, s.promotion_id,
            sum(s.amount)::text as amount, sum(s.n)::text as n, sum(s.uncollected)::text as uncollected,
            sum(s.partner_funded)::text as partner_funded
       from (${source.sql}) s (currency_id, at, figure, promotion_id, amount, n, uncollected, partner_funded)
      group by 1, 2, 3, 4`,
    [pgTimestampArray(starts), ...source.params],
  );
  return rows.map((row) => ({
    period: Number(row['period']),
    currencyId: Number(row['currency_id']),
    figure: row['figure'],
    promotionId: Number(row['promotion_id']),
    amount: BigInt(row['amount']),
    n: BigInt(row['n']),
    uncollected: BigInt(row['uncollected']),
    partnerFunded: BigInt(row['partner_funded']),
  }));
}

/**
 * Each currency's counted balance of everything before `before`: the liability at that instant.
 * Whole UTC months before it from `report_ledger_months` (plus their deltas not folded yet), the
 * rest of its month like any span.
 */
export async function balancesBefore(em: EntityManager, programId: number, before: Date): Promise<Map<number, bigint>> {
  const month = new Date(Date.UTC(before.getUTCFullYear(), before.getUTCMonth(), 1));
  const source = figureSource(programId, month, before);
  const rows: Array<{ currency_id: string; amount: string }> = await em.execute(
    `select s.currency_id, sum(s.amount)::text as amount from (
       select currency_id, amount from report_ledger_months where program_id = ? and month < ?
       union all
       select a.currency_id, d.amount from report_ledger_deltas d join points_accounts a on a.id = d.points_account_id
        where d.program_id = ? and d.created_at < ?
       union all
       select s.currency_id, s.amount
         from (${source.sql}) s (currency_id, at, figure, promotion_id, amount, n, uncollected, partner_funded)) s
      group by 1`,
    [programId, month, programId, month, ...source.params],
  );
  return new Map(rows.map((row) => [Number(row.currency_id), BigInt(row.amount)]));
}

/** Members (per currency: points accounts) with at least one counted transaction per period, from the transactions. */
export async function activeMembersByPeriodRaw(
  em: EntityManager,
  programId: number,
  from: Date,
  to: Date,
  starts: Date[],
): Promise<Array<{ period: number; currencyId: number; members: number }>> {
  const rows: Array<{ period: number; currency_id: string; members: string }> = await em.execute(
    `select d.period, a.currency_id, count(*)::text as members
       from (select distinct width_bucket(t.created_at, ?::timestamptz[]) as period, t.points_account_id
               from points_transactions t
              where t.program_id = ? and t.created_at >= ? and t.created_at <= ?
                and t.status in ${COUNTED_STATUSES}) d
       join points_accounts a on a.id = d.points_account_id
      group by 1, 2`,
    [pgTimestampArray(starts), programId, from, to],
  );
  return rows.map((row) => ({
    period: Number(row.period),
    currencyId: Number(row.currency_id),
    members: Number(row.members),
  }));
}

/** One period's local days within one year: bits `from`..`from + length - 1` of that year's row. */
export interface DaySegment {
  period: number;
  year: number;
  from: number;
  length: number;
}

/**
 * Members (per currency) with at least one counted transaction per period, from the day bitmaps
 * built in `timezone`, plus the deltas not folded yet. A period within one year has one run of bits
 * per account row, so one pass over the rows counts every such period at once (a filtered count
 * per period, no join and no sort); a period across New Year (a week) merges its two rows with a
 * distinct; an account seen only in unfolded deltas is added when its bitmap has nothing in the
 * period.
 */
export async function activeMembersByPeriodFromDays(
  em: EntityManager,
  programId: number,
  timezone: string,
  segments: DaySegment[],
  window: { from: Date; to: Date; starts: Date[] },
): Promise<Array<{ period: number; currencyId: number; members: number }>> {
  const ints = (values: number[]) => `{${values.join(',')}}`;
  const runs = new Map<number, number>();
  for (const segment of segments) runs.set(segment.period, (runs.get(segment.period) ?? 0) + 1);
  const single = segments.filter((segment) => runs.get(segment.period) === 1);
  const merged = segments.filter((segment) => runs.get(segment.period) !== 1);
  const counts = new Map<string, { period: number; currencyId: number; members: number }>();
  const add = (period: number, currencyId: number, members: number) => {
    const key = `${period}:${currencyId}`;
    const entry = counts.get(key) ?? { period, currencyId, members: 0 };
    entry.members += members;
    counts.set(key, entry);
  };
  // One pass over the bitmaps, one filtered count per period (the numbers are ours, not input text).
  const years = segments.map((segment) => segment.year);
  for (let offset = 0; offset < single.length; offset += 400) {
    const part = single.slice(offset, offset + 400);
    const columns = part
      .map(
        (segment, index) =>
          `count(*) filter (where year = ${Math.trunc(segment.year)} and ` +
          `bit_count(substring(days from ${Math.trunc(segment.from)} for ${Math.trunc(segment.length)})) > 0) as p${index}`,
      )
      .join(', ');
    const rows: Array<Record<string, string>> = await em.execute(
      `select currency_id, ${columns} from report_member_days
        where program_id = ? and timezone = ? and year between ? and ? group by currency_id`,
      [programId, timezone, Math.min(...years), Math.max(...years)],
    );
    for (const row of rows) {
      part.forEach((segment, index) => add(segment.period, Number(row['currency_id']), Number(row[`p${index}`])));
    }
  }
  const rest: Array<{ period: number; currency_id: string; members: string }> = await em.execute(
    `with seg as (
       select * from unnest(?::int[], ?::int[], ?::int[], ?::int[]) as s(period, yr, fr, ln)),
     every_seg as (
       select * from unnest(?::int[], ?::int[], ?::int[], ?::int[]) as s(period, yr, fr, ln)),
     fresh as (
       select distinct width_bucket(d.created_at, ?::timestamptz[]) as period, a.currency_id, d.points_account_id
         from report_ledger_deltas d join points_accounts a on a.id = d.points_account_id
        where d.program_id = ? and d.n > 0 and d.created_at >= ? and d.created_at <= ?)
     select period, currency_id, count(*)::text as members from (
       select distinct s.period, r.currency_id, r.points_account_id
         from seg s join report_member_days r on r.program_id = ? and r.timezone = ? and r.year = s.yr
        where bit_count(substring(r.days from s.fr for s.ln)) > 0) merged
      group by 1, 2
     union all
     select f.period, f.currency_id, count(distinct f.points_account_id)::text
       from fresh f
      where not exists (
        select 1 from every_seg s join report_member_days r
            on r.program_id = ? and r.timezone = ? and r.year = s.yr and r.points_account_id = f.points_account_id
         where s.period = f.period and bit_count(substring(r.days from s.fr for s.ln)) > 0)
      group by 1, 2`,
    [
      ints(merged.map((segment) => segment.period)),
      ints(merged.map((segment) => segment.year)),
      ints(merged.map((segment) => segment.from)),
      ints(merged.map((segment) => segment.length)),
      ints(segments.map((segment) => segment.period)),
      ints(segments.map((segment) => segment.year)),
      ints(segments.map((segment) => segment.from)),
      ints(segments.map((segment) => segment.length)),
      pgTimestampArray(window.starts),
      programId,
      window.from,
      window.to,
      programId,
      timezone,
      programId,
      timezone,
    ],
  );
  for (const row of rest) add(Number(row.period), Number(row.currency_id), Number(row.members));
  return [...counts.values()].filter((entry) => entry.members > 0);
}

/** The zone the program's day bitmaps were built in (null before the first fold). */
export async function activityZone(em: EntityManager, programId: number): Promise<string | null> {
  const rows: Array<{ timezone: string }> = await em.execute(
    'select timezone from report_activity_state where program_id = ?',
    [programId],
  );
  return rows[0]?.timezone ?? null;
}

/** Members registered and deleted per period. */
export async function membershipByPeriod(
  em: EntityManager,
  programId: number,
  from: Date,
  to: Date,
  starts: Date[],
): Promise<Array<{ period: number; registered: number; deleted: number }>> {
  const rows: Array<{ period: number; registered: string; deleted: string }> = await em.execute(
    `select period, sum(registered)::text as registered, sum(deleted)::text as deleted from (
       select width_bucket(registered_at, ?::timestamptz[]) as period, 1 as registered, 0 as deleted
         from members where program_id = ? and registered_at >= ? and registered_at <= ?
       union all
       select width_bucket(deleted_at, ?::timestamptz[]), 0, 1
         from members where program_id = ? and deleted_at >= ? and deleted_at <= ?) m
      group by 1`,
    [pgTimestampArray(starts), programId, from, to, pgTimestampArray(starts), programId, from, to],
  );
  return rows.map((row) => ({
    period: Number(row.period),
    registered: Number(row.registered),
    deleted: Number(row.deleted),
  }));
}

/**
 * How many members hold each tier at each period's end: a member counts when registered by then
 * and not deleted by then, in the tier of their last recorded tier change at or before it. One
 * pass over the history: each entry holds from its `reached_at` until the member's next entry in
 * the group (ties broken by id, as "last" means), clipped to the membership; it counts at the ends
 * that fall in that span — a run of period indexes, recorded as +1 at its first and −1 after its
 * last and summed here, so the work does not multiply members by periods.
 */
export async function tiersAtPeriodEnds(
  em: EntityManager,
  programId: number,
  ends: Date[],
): Promise<Array<{ period: number; groupId: number; tierId: number; members: number }>> {
  const rows: Array<{ idx: number; group_id: string; tier_id: string; delta: string }> = await em.execute(
    `with spans as (
       select e.group_id, e.tier_id, greatest(e.reached_at, m.registered_at) as held_from,
              least(coalesce(lead(e.reached_at) over (partition by e.member_id, e.group_id order by e.reached_at, e.id),
                             'infinity'), coalesce(m.deleted_at, 'infinity')) as held_until
         from member_tier_history e join members m on m.id = e.member_id
        where m.program_id = ?),
     runs as (
       select group_id, tier_id,
              width_bucket(held_from - interval '1 millisecond', ?::timestamptz[]) + 1 as first_idx,
              width_bucket(held_until - interval '1 millisecond', ?::timestamptz[]) as last_idx
         from spans where held_until > held_from)
     select idx, group_id, tier_id, sum(delta)::text as delta from (
       select first_idx as idx, group_id, tier_id, 1 as delta from runs where first_idx <= last_idx
       union all
       select last_idx + 1, group_id, tier_id, -1 from runs where first_idx <= last_idx) d
      group by 1, 2, 3`,
    [programId, pgTimestampArray(ends), pgTimestampArray(ends)],
  );
  const result: Array<{ period: number; groupId: number; tierId: number; members: number }> = [];
  const keys = [...new Set(rows.map((row) => `${row.group_id}:${row.tier_id}`))];
  for (const key of keys) {
    const [groupId, tierId] = key.split(':').map(Number);
    const steps = new Map(
      rows.filter((row) => `${row.group_id}:${row.tier_id}` === key).map((row) => [Number(row.idx), Number(row.delta)]),
    );
    let members = 0;
    for (let period = 1; period <= ends.length; period += 1) {
      members += steps.get(period) ?? 0;
      if (members !== 0) result.push({ period, groupId, tierId, members });
    }
  }
  return result;
}

/**
 * Day bitmaps from a row source `d` (program_id, points_account_id, created_at): one bit per local
 * day of the program's zone, or'ed per account and year.
 */
const DAYS_SELECT = `select x.program_id, x.timezone, x.points_account_id, x.year, x.currency_id,
                            bit_or(set_bit(repeat('0', 366)::bit(366), x.doy - 1, 1))
                       from (select d.program_id, p.timezone, d.points_account_id, a.currency_id,
                                    extract(year from d.created_at at time zone p.timezone)::smallint as year,
                                    extract(doy from d.created_at at time zone p.timezone)::int as doy
                               from $SOURCE
                               join points_accounts a on a.id = d.points_account_id
                               join loyalty_programs p on p.id = d.program_id
                              where $FILTER) x
                      group by 1, 2, 3, 4, 5
                      order by 1, 2, 3, 4`;

/**
 * Rebuilds the day bitmaps of every program whose zone differs from the one they were built in
 * (or that has none yet) from its counted transactions, before the fold takes its deltas in the
 * same transaction: a transaction this statement does not see has its delta still waiting, and
 * adding a day twice changes nothing.
 */
async function rebuildStaleActivity(em: EntityManager): Promise<void> {
  const stale: Array<{ id: string; timezone: string }> = await em.execute(
    `select p.id, p.timezone from loyalty_programs p left join report_activity_state s on s.program_id = p.id
      where s.timezone is distinct from p.timezone order by p.id`,
  );
  for (const program of stale) {
    await em.execute('delete from report_member_days where program_id = ?', [program.id]);
    await em.execute(
      `insert into report_member_days (program_id, timezone, points_account_id, year, currency_id, days)
       ${DAYS_SELECT.replace('$SOURCE', 'points_transactions d').replace(
         '$FILTER',
         `d.program_id = ? and d.status in ${COUNTED_STATUSES} and p.timezone = ?`,
       )}`,
      [program.id, program.timezone],
    );
    await em.execute(
      `insert into report_activity_state (program_id, timezone) values (?, ?)
       on conflict (program_id) do update set timezone = excluded.timezone`,
      [program.id, program.timezone],
    );
  }
}

/** How many deltas one fold statement moves. */
const FOLD_BATCH = 50_000;

/**
 * Moves committed deltas into the buckets, one batch per transaction (delete … returning and the
 * upsert commit together, so a row is folded exactly once). One folder at a time (an advisory
 * lock); answers how many deltas it folded, or null when another folder holds the lock.
 */
export async function foldLedgerDeltas(em: EntityManager, maxBatches = 1_000): Promise<number | null> {
  let folded = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const moved = await em.transactional(async (tx) => {
      const locked: Array<{ locked: boolean }> = await tx.execute(
        `select pg_try_advisory_xact_lock(hashtext('report_ledger_fold')) as locked`,
      );
      if (!locked[0].locked) return null;
      await rebuildStaleActivity(tx);
      const rows: Array<{ moved: string }> = await tx.execute(
        `with taken as (
           delete from report_ledger_deltas
            where id in (select id from report_ledger_deltas order by id limit ? for update skip locked)
           returning *),
         upserted as (
           insert into report_ledger_buckets as b
             (program_id, currency_id, bucket, type, promotion_id, amount, n, uncollected, partner_funded)
           select d.program_id, a.currency_id, ${BUCKET}, report_ledger_figure(d.type, d.amount * d.n, d.uncollected),
                  coalesce(d.promotion_id, 0), sum(d.amount), sum(d.n), sum(d.uncollected), sum(d.partner_funded)
             from taken d join points_accounts a on a.id = d.points_account_id
            group by 1, 2, 3, 4, 5
            order by 1, 2, 3, 4, 5
           on conflict (program_id, currency_id, bucket, type, promotion_id) do update
              set amount = b.amount + excluded.amount, n = b.n + excluded.n,
                  uncollected = b.uncollected + excluded.uncollected, partner_funded = b.partner_funded + excluded.partner_funded
           returning 1),
         monthly as (
           insert into report_ledger_months as m (program_id, currency_id, month, amount)
           select d.program_id, a.currency_id, date_trunc('month', d.created_at, 'UTC'), sum(d.amount)
             from taken d join points_accounts a on a.id = d.points_account_id
            group by 1, 2, 3
            order by 1, 2, 3
           on conflict (program_id, currency_id, month) do update set amount = m.amount + excluded.amount
           returning 1),
         active as (
           insert into report_member_days as r (program_id, timezone, points_account_id, year, currency_id, days)
           ${DAYS_SELECT.replace('$SOURCE', 'taken d').replace('$FILTER', 'd.n > 0')}
           on conflict (program_id, timezone, points_account_id, year) do update set days = r.days | excluded.days
           returning 1)
         select (select count(*) from taken)::text as moved`,
        [FOLD_BATCH],
      );
      return Number(rows[0].moved);
    });
    if (moved === null) return batch === 0 ? null : folded;
    folded += moved;
    if (moved < FOLD_BATCH) break;
  }
  return folded;
}
