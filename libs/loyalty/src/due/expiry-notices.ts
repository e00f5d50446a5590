import type { EntityManager } from '@mikro-orm/postgresql';
import { personSubjectKey } from '@loyalty/contracts';
import {
  addToLocalDate,
  formatDateOnly,
  LocalDate,
  localDateParts,
  parseDateOnly,
  Points,
  startOfLocalDate,
} from '@loyalty/kernel';
import { NewOutboxEvent, outboxInsert } from '@loyalty/platform';
import type { Raw } from '../ledger/ledger-store';

/** A program as the notices need it. */
export interface NoticeProgram {
  id: number;
  tenant: number;
  timezone: string;
  expiryNoticeDays: number[];
}

/**
 * The programs that send expiry notices and whose notices of their current local date (at `now`)
 * have not been sent yet, with that date.
 */
export async function programsDueForNotices(
  em: EntityManager,
  now: Date,
): Promise<{ program: NoticeProgram; localDate: string }[]> {
  const rows: Raw[] = await em.execute(
    `select id, account_id, timezone, expiry_notice_days from loyalty_programs where jsonb_array_length(expiry_notice_days) > 0`,
  );
  const candidates = rows.map((row) => {
    const program = toNoticeProgram(row);
    return { program, localDate: formatDateOnly(localDateParts(now, program.timezone)) };
  });
  if (candidates.length === 0) return [];
  const done: Raw[] = await em.execute(
    `select program_id, local_date from expiry_notice_runs
      where (program_id, local_date) in (${candidates.map(() => '(?, ?)').join(', ')})`,
    candidates.flatMap((candidate) => [candidate.program.id, candidate.localDate]),
  );
  const sent = new Set(done.map((row) => `${row['program_id']}/${row['local_date']}`));
  return candidates.filter((candidate) => !sent.has(`${candidate.program.id}/${candidate.localDate}`));
}

/**
 * Sends a program's `points.expiring` notices of one local day, once: for each notice day N, every
 * member's points (per standard currency) that expire on the local date N days later, summed, one
 * event per (member, currency, local expiry date, N) (rules.md §3). The day's run is recorded
 * first, so a concurrent or repeated run of the same day sends nothing; each notice is also a row
 * with that key. Lots that would expire that day but are already spent or expired count nothing.
 * Returns the number of notices sent (null when the day had been run already).
 */
export async function sendExpiryNotices(
  em: EntityManager,
  program: NoticeProgram,
  localDate: string,
  now: Date,
): Promise<number | null> {
  return em.transactional(async (tx) => {
    const claimed: Raw[] = await tx.execute(
      `insert into expiry_notice_runs (program_id, local_date, account_id, notices, ran_at) values (?, ?, ?, 0, ?)
       on conflict do nothing returning program_id`,
      [program.id, localDate, program.tenant, now],
    );
    if (claimed.length === 0) return null;
    const today = parseDateOnly(localDate);
    const events: NewOutboxEvent[] = [];
    for (const days of [...new Set(program.expiryNoticeDays)].sort((a, b) => a - b)) {
      events.push(...(await noticesFor(tx, program, addToLocalDate(today, days, 'day'), days, now)));
    }
    const outbox = outboxInsert(events);
    if (outbox) await tx.execute(outbox.sql, outbox.params);
    await tx.execute('update expiry_notice_runs set notices = ? where program_id = ? and local_date = ?', [
      events.length,
      program.id,
      localDate,
    ]);
    return events.length;
  });
}

async function noticesFor(
  em: EntityManager,
  program: NoticeProgram,
  expiryDate: LocalDate,
  days: number,
  now: Date,
): Promise<NewOutboxEvent[]> {
  const from = startOfLocalDate(expiryDate, program.timezone);
  const to = startOfLocalDate(addToLocalDate(expiryDate, 1, 'day'), program.timezone);
  const date = formatDateOnly(expiryDate);
  const rows: Raw[] = await em.execute(
    `with due as (
       select l.points_account_id, sum(l.remaining) as amount
         from points_lots l
         join points_accounts a on a.id = l.points_account_id
         join points_currencies c on c.id = a.currency_id
        where c.program_id = ? and c.type = 'standard' and not a.frozen
          and not l.expired and l.remaining > 0 and l.expires_at >= ? and l.expires_at < ? and l.expires_at >= ?
        group by l.points_account_id),
     sent as (
       insert into expiry_notices (points_account_id, expiry_date, notice_days, account_id, amount, sent_at)
       select points_account_id, ?, ?, ?, amount, ? from due
       on conflict do nothing
       returning points_account_id, amount)
     select m.profile_id, c.external_id as currency_eid, sent.amount::text as amount
       from sent
       join points_accounts a on a.id = sent.points_account_id
       join members m on m.id = a.member_id
       join points_currencies c on c.id = a.currency_id
      order by sent.points_account_id`,
    [program.id, from, to, now, date, days, program.tenant, now],
  );
  return rows.map((row) => ({
    accountId: program.tenant,
    eventType: 'points.expiring',
    subjectKey: personSubjectKey(row['profile_id'] as string),
    occurredAt: now,
    payload: {
      loyalty_program_id: program.id,
      profile_id: row['profile_id'],
      points_currency_eid: row['currency_eid'],
      amount: Points.format(BigInt(row['amount'] as string)),
      expiry_date: date,
      expires_before: to.toISOString(),
      notice_days: days,
    },
  }));
}

/** A program's notice settings, or null when it is gone. */
export async function noticeProgram(em: EntityManager, programId: number): Promise<NoticeProgram | null> {
  const [row]: Raw[] = await em.execute(
    'select id, account_id, timezone, expiry_notice_days from loyalty_programs where id = ?',
    [programId],
  );
  return row ? toNoticeProgram(row) : null;
}

function toNoticeProgram(row: Raw): NoticeProgram {
  return {
    id: Number(row['id']),
    tenant: Number(row['account_id']),
    timezone: row['timezone'] as string,
    expiryNoticeDays: (row['expiry_notice_days'] as number[]).map(Number),
  };
}
