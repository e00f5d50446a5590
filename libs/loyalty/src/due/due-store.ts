import type { EntityManager } from '@mikro-orm/postgresql';
import { AccountRow, LotRow, Raw, SqlStatement, toAccount, toLot } from '../ledger/ledger-store';

/*
 * The worker's queries for due ledger work: lot activations and expiries and temporary
 * transactions past their deadline (rules.md §2.4, §3). Each kind has a partial index on its
 * instant (see the points_lots and points_transactions entities).
 */

/** A points account with what its events name: member, program, currency. */
export interface DueOwner {
  account: AccountRow;
  programId: number;
  profileId: string;
  registeredAt: Date;
  currencyEid: string;
  currencyType: 'standard' | 'qualification';
}

/**
 * The accounts of the tenant's earliest due work, at most `candidates` of each kind: each part
 * walks its partial index in due order and stops, so a pass does not read a whole backlog.
 */
const DUE_ACCOUNTS = `
  (select points_account_id from points_lots
    where account_id = ? and not expired and expires_at is not null and expires_at < ?
    order by expires_at limit ?)
  union
  (select points_account_id from points_lots
    where account_id = ? and not activated and not expired and activation_at <= ?
    order by activation_at limit ?)
  union
  (select points_account_id from points_transactions
    where account_id = ? and status = 'temporary' and temp_deadline <= ?
    order by temp_deadline limit ?)`;

/**
 * Locks up to `limit` points accounts of the tenant that have due work at `now`, in id order.
 * Accounts another transaction holds are skipped (their holder settles them, or a later pass
 * does), so concurrent passes share the work and never wait for each other or for a request.
 */
export async function lockDueOwners(em: EntityManager, tenant: number, now: Date, limit: number): Promise<DueOwner[]> {
  // Room for accounts that are locked elsewhere (skipped) or have several due lots.
  const candidates = 2 * limit;
  const rows: Raw[] = await em.execute(
    `select a.*, m.program_id, m.profile_id, m.registered_at, c.external_id as currency_eid, c.type as currency_type
       from points_accounts a
       join members m on m.id = a.member_id
       join points_currencies c on c.id = a.currency_id
      where a.id in (${DUE_ACCOUNTS})
      order by a.id
      limit ?
        for update of a skip locked`,
    [tenant, now, candidates, tenant, now, candidates, tenant, now, candidates, limit],
  );
  return rows.map((row) => ({
    account: toAccount(row),
    programId: Number(row['program_id']),
    profileId: row['profile_id'] as string,
    registeredAt: new Date(row['registered_at'] as string),
    currencyEid: row['currency_eid'] as string,
    currencyType: row['currency_type'] as DueOwner['currencyType'],
  }));
}

/** The lots of these accounts with a transition due at `now` (not yet flagged). */
export async function loadDueLots(em: EntityManager, accountIds: number[], now: Date): Promise<LotRow[]> {
  if (accountIds.length === 0) return [];
  const rows: Raw[] = await em.execute(
    `select * from points_lots
      where points_account_id = any(?::bigint[]) and not expired
        and ((expires_at is not null and expires_at < ?) or (not activated and activation_at <= ?))
      order by id`,
    [`{${accountIds.join(',')}}`, now, now],
  );
  return rows.map(toLot);
}

/** Which of these accounts have a temporary transaction past its deadline. */
export async function accountsWithDueTemporaries(
  em: EntityManager,
  accountIds: number[],
  now: Date,
): Promise<Set<number>> {
  if (accountIds.length === 0) return new Set();
  const rows: Raw[] = await em.execute(
    `select distinct points_account_id from points_transactions
      where points_account_id = any(?::bigint[]) and status = 'temporary' and temp_deadline <= ?`,
    [`{${accountIds.join(',')}}`, now],
  );
  return new Set(rows.map((row) => Number(row['points_account_id'])));
}

/** Writes many accounts' cached balances in one statement (the version moves by one). */
export function saveAccountBalances(accounts: AccountRow[]): SqlStatement[] {
  if (accounts.length === 0) return [];
  return [
    {
      sql: `update points_accounts as a
              set active = v.active::bigint, pending = v.pending::bigint, debt = v.debt::bigint, version = a.version + 1
             from (values ${accounts.map(() => '(?, ?, ?, ?)').join(', ')}) as v(id, active, pending, debt)
            where a.id = v.id::bigint`,
      params: accounts.flatMap((account) => [
        account.id,
        account.active.toString(),
        account.pending.toString(),
        account.debt.toString(),
      ]),
    },
  ];
}

/** One row per (tenant, due minute) with the first due instant in it, for due work up to `until`. */
export interface DueBucket {
  tenant: number;
  minute: number;
  firstDueAt: Date;
}

/**
 * The buckets of due work until `until` (a lot's expiry is due one millisecond after its
 * `expires_at`) (past ones included: anything overdue is a bucket too),
 * for the planner that gives each bucket its delayed job.
 */
export async function dueBuckets(em: EntityManager, until: Date): Promise<DueBucket[]> {
  const rows: Raw[] = await em.execute(
    `with due as (
       select account_id, expires_at + interval '1 millisecond' as due_at from points_lots
        where not expired and expires_at is not null and expires_at < ?
       union all
       select account_id, activation_at from points_lots
        where not activated and not expired and activation_at <= ?
       union all
       select account_id, temp_deadline from points_transactions
        where status = 'temporary' and temp_deadline <= ?)
     select account_id, (extract(epoch from date_trunc('minute', due_at)) * 1000)::bigint as minute, min(due_at) as first_due_at
       from due group by 1, 2 order by 2, 1`,
    [until, until, until],
  );
  return rows.map((row) => ({
    tenant: Number(row['account_id']),
    minute: Number(row['minute']),
    firstDueAt: new Date(row['first_due_at'] as string),
  }));
}

/**
 * The first instant after `after` (up to `until`) at which the tenant has work due, or null. A lot
 * expires one millisecond after its `expires_at` (the last valid millisecond).
 */
export async function nextDueInstant(
  em: EntityManager,
  tenant: number,
  after: Date,
  until: Date,
): Promise<Date | null> {
  const [row]: Raw[] = await em.execute(
    `select least(
       (select min(expires_at) + interval '1 millisecond' from points_lots
         where account_id = ? and not expired and expires_at >= ? and expires_at < ?),
       (select min(activation_at) from points_lots
         where account_id = ? and not activated and not expired and activation_at > ? and activation_at <= ?),
       (select min(temp_deadline) from points_transactions
         where account_id = ? and status = 'temporary' and temp_deadline > ? and temp_deadline <= ?)) as next_at`,
    [tenant, after, until, tenant, after, until, tenant, after, until],
  );
  return row['next_at'] == null ? null : new Date(row['next_at'] as string);
}
