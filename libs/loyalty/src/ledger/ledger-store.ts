import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import type { TransactionStatus, TransactionType } from '../entities/points-transaction.entity';

/*
 * The ledger's rows as plain objects, read and written with plain SQL: the hot path of every
 * points operation, where the ORM's unit of work costs more than the database itself.
 */

export interface AccountRow {
  id: number;
  tenant: number;
  member: number;
  currency: number;
  active: bigint;
  pending: bigint;
  held: bigint;
  debt: bigint;
  version: number;
  frozen: boolean;
}

export interface LotRow {
  id: number;
  pointsAccount: number;
  transaction: number;
  amount: bigint;
  remaining: bigint;
  activationAt: Date;
  expiresAt: Date | null;
  activated: boolean;
  expired: boolean;
}

export interface TransactionRow {
  id: number;
  pointsAccount: number;
  member: number;
  transactionEid: string;
  type: TransactionType;
  status: TransactionStatus;
  amount: bigint;
  promotion: number | null;
  activationAt: Date | null;
  expirationAt: Date | null;
  tempDeadline: Date | null;
  createdAt: Date;
  recordedAt: Date;
  requestFingerprint: string | null;
  response: string | null;
}

export interface AllocationRow {
  id: number;
  transaction: number;
  lot: number;
  amount: bigint;
  returned: bigint;
}

export interface NewTransaction {
  tenant: number;
  program: number;
  member: number;
  pointsAccount: number;
  transactionEid: string;
  type: TransactionType;
  status: TransactionStatus;
  amount: bigint;
  balanceBefore: bigint;
  balanceAfter: bigint;
  promotion: number | null;
  description: string | null;
  activationAt: Date | null;
  expirationAt: Date | null;
  tempDeadline: Date | null;
  sourceType: string | null;
  sourceIid: string | null;
  sourceEid: string | null;
  externalData: unknown;
  relatedTransaction: number | null;
  createdAt: Date;
  recordedAt: Date;
}

export type Raw = Record<string, unknown>;

/** One data-changing statement with its parameters, to be run with others in one round trip. */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

/**
 * Runs data-changing statements (insert, update, delete) in one round trip, as the parts of one
 * statement (PostgreSQL data-modifying CTEs). They must touch different rows: all of them see the
 * same snapshot.
 */
export async function runTogether(em: EntityManager, statements: SqlStatement[]): Promise<void> {
  if (statements.length === 0) return;
  if (statements.length === 1) {
    await em.execute(statements[0].sql, statements[0].params);
    return;
  }
  await em.execute(
    `with ${statements.map((statement, index) => `s${index} as (${statement.sql})`).join(', ')} select 1`,
    statements.flatMap((statement) => statement.params),
  );
}

const big = (value: unknown): bigint => BigInt(value as string);
const num = (value: unknown): number => Number(value);
const date = (value: unknown): Date | null => (value == null ? null : new Date(value as string));

export function toAccount(row: Raw): AccountRow {
  return {
    id: num(row['id']),
    tenant: num(row['account_id']),
    member: num(row['member_id']),
    currency: num(row['currency_id']),
    active: big(row['active']),
    pending: big(row['pending']),
    held: big(row['held']),
    debt: big(row['debt']),
    version: num(row['version']),
    frozen: Boolean(row['frozen']),
  };
}

export function toLot(row: Raw): LotRow {
  return {
    id: num(row['id']),
    pointsAccount: num(row['points_account_id']),
    transaction: num(row['transaction_id']),
    amount: big(row['amount']),
    remaining: big(row['remaining']),
    activationAt: date(row['activation_at']) as Date,
    expiresAt: date(row['expires_at']),
    activated: Boolean(row['activated']),
    expired: Boolean(row['expired']),
  };
}

export function toTransaction(row: Raw): TransactionRow {
  return {
    id: num(row['id']),
    pointsAccount: num(row['points_account_id']),
    member: num(row['member_id']),
    transactionEid: row['transaction_eid'] as string,
    type: row['type'] as TransactionType,
    status: row['status'] as TransactionStatus,
    amount: big(row['amount']),
    promotion: row['promotion_id'] == null ? null : num(row['promotion_id']),
    activationAt: date(row['activation_at']),
    expirationAt: date(row['expiration_at']),
    tempDeadline: date(row['temp_deadline']),
    createdAt: date(row['created_at']) as Date,
    recordedAt: date(row['recorded_at']) as Date,
    requestFingerprint: (row['request_fingerprint'] as string | null) ?? null,
    response: (row['response'] as string | null) ?? null,
  };
}

function toAllocation(row: Raw): AllocationRow {
  return {
    id: num(row['id']),
    transaction: num(row['transaction_id']),
    lot: num(row['lot_id']),
    amount: big(row['amount']),
    returned: big(row['returned']),
  };
}

const TRANSACTION_COLUMNS =
  'id, points_account_id, member_id, transaction_eid, type, status, amount, promotion_id, activation_at, expiration_at, temp_deadline, created_at, recorded_at, request_fingerprint, response';

/** PostgreSQL's lock_not_available: a lock wait ran past lock_timeout (LOCK_WAIT_MS). */
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Locks the member's accounts in currency order, creating the missing ones first. A lock held
 * longer than LOCK_WAIT_MS by another operation is error 20 (BUSY, safe to retry).
 */
export async function lockAccounts(
  em: EntityManager,
  tenant: number,
  member: number,
  currencyIds: number[],
): Promise<AccountRow[]> {
  try {
    return await lockAccountRows(em, tenant, member, currencyIds);
  } catch (error) {
    if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE) {
      throw new DomainError('BUSY', 'The member is busy with another operation; retry', { member_id: member });
    }
    throw error;
  }
}

async function lockAccountRows(
  em: EntityManager,
  tenant: number,
  member: number,
  currencyIds: number[],
): Promise<AccountRow[]> {
  const ids = `{${currencyIds.join(',')}}`;
  const lock = async () =>
    (
      (await em.execute(
        'select * from points_accounts where member_id = ? and currency_id = any(?::bigint[]) order by currency_id for update',
        [member, ids],
      )) as Raw[]
    ).map(toAccount);
  const locked = await lock();
  if (locked.length === currencyIds.length) return locked;
  await em.execute(
    `insert into points_accounts (account_id, member_id, currency_id, active, pending, held, debt, version, frozen)
     select ?, ?, unnest(?::bigint[]), 0, 0, 0, 0, 0, false
     on conflict (member_id, currency_id) do nothing`,
    [tenant, member, ids],
  );
  return lock();
}

export function saveAccount(account: AccountRow): SqlStatement {
  return {
    sql: 'update points_accounts set active = ?, pending = ?, held = ?, debt = ?, version = ?, frozen = ? where id = ?',
    params: [
      account.active.toString(),
      account.pending.toString(),
      account.held.toString(),
      account.debt.toString(),
      account.version,
      account.frozen,
      account.id,
    ],
  };
}

export async function loadLots(em: EntityManager, ids: number[]): Promise<LotRow[]> {
  if (ids.length === 0) return [];
  const rows: Raw[] = await em.execute('select * from points_lots where id = any(?::bigint[]) order by id', [
    `{${ids.join(',')}}`,
  ]);
  return rows.map(toLot);
}

export async function lotOfTransaction(em: EntityManager, transactionId: number): Promise<LotRow | null> {
  const rows: Raw[] = await em.execute('select * from points_lots where transaction_id = ?', [transactionId]);
  return rows.length ? toLot(rows[0]) : null;
}

export async function insertLot(em: EntityManager, tenant: number, lot: Omit<LotRow, 'id'>): Promise<LotRow> {
  const rows: Raw[] = await em.execute(
    `insert into points_lots (account_id, points_account_id, transaction_id, amount, remaining, activation_at, expires_at, activated, expired)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    [
      tenant,
      lot.pointsAccount,
      lot.transaction,
      lot.amount.toString(),
      lot.remaining.toString(),
      lot.activationAt,
      lot.expiresAt,
      lot.activated,
      lot.expired,
    ],
  );
  return { ...lot, id: num(rows[0]['id']) };
}

/** Writes the changed lots in one statement (an early activation moves `activation_at` too). */
export function saveLots(lots: LotRow[]): SqlStatement[] {
  if (lots.length === 0) return [];
  return [
    {
      sql: `update points_lots as l
              set remaining = v.remaining::bigint, activated = v.activated::boolean, expired = v.expired::boolean,
                  activation_at = v.activation_at::timestamptz
             from (values ${lots.map(() => '(?, ?, ?, ?, ?)').join(', ')}) as v(id, remaining, activated, expired, activation_at)
            where l.id = v.id::bigint`,
      params: lots.flatMap((lot) => [lot.id, lot.remaining.toString(), lot.activated, lot.expired, lot.activationAt]),
    },
  ];
}

/**
 * An account's open lots and its temporary transactions past `dueBy`, in one round trip (every
 * points operation needs both to settle the account).
 */
export async function loadAccountState(
  em: EntityManager,
  accountId: number,
  dueBy: Date,
): Promise<{ lots: LotRow[]; temporaries: TransactionRow[] }> {
  const [row]: Raw[] = await em.execute(
    `select
       coalesce((select json_agg(json_build_object(
           'id', l.id::text, 'points_account_id', l.points_account_id::text, 'transaction_id', l.transaction_id::text,
           'amount', l.amount::text, 'remaining', l.remaining::text, 'activation_at', l.activation_at,
           'expires_at', l.expires_at, 'activated', l.activated, 'expired', l.expired) order by l.id)
         from points_lots l
        where l.points_account_id = ? and not l.expired and (l.remaining > 0 or not l.activated or l.expires_at is not null)), '[]') as lots,
       coalesce((select json_agg(json_build_object(
           'id', t.id::text, 'points_account_id', t.points_account_id::text, 'member_id', t.member_id::text,
           'transaction_eid', t.transaction_eid, 'type', t.type, 'status', t.status, 'amount', t.amount::text,
           'promotion_id', t.promotion_id::text, 'activation_at', t.activation_at, 'expiration_at', t.expiration_at,
           'temp_deadline', t.temp_deadline, 'created_at', t.created_at, 'recorded_at', t.recorded_at) order by t.id)
         from points_transactions t
        where t.points_account_id = ? and t.status = 'temporary' and t.temp_deadline <= ?), '[]') as temporaries`,
    [accountId, accountId, dueBy],
  );
  return { lots: (row['lots'] as Raw[]).map(toLot), temporaries: (row['temporaries'] as Raw[]).map(toTransaction) };
}

const TRANSACTION_INSERT_INTO = `insert into points_transactions (account_id, program_id, member_id, points_account_id, transaction_eid, type,
       status, amount, balance_before, balance_after, promotion_id, description, activation_at, expiration_at, temp_deadline,
       source_type, source_iid, source_eid, external_data, related_transaction, created_at, recorded_at)`;
const TRANSACTION_VALUES = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
const INSERT_TRANSACTION = `${TRANSACTION_INSERT_INTO} values ${TRANSACTION_VALUES} returning id`;

function transactionParams(row: NewTransaction): unknown[] {
  return [
    row.tenant,
    row.program,
    row.member,
    row.pointsAccount,
    row.transactionEid,
    row.type,
    row.status,
    row.amount.toString(),
    row.balanceBefore.toString(),
    row.balanceAfter.toString(),
    row.promotion,
    row.description,
    row.activationAt,
    row.expirationAt,
    row.tempDeadline,
    row.sourceType,
    row.sourceIid,
    row.sourceEid,
    row.externalData == null ? null : JSON.stringify(row.externalData),
    row.relatedTransaction,
    row.createdAt,
    row.recordedAt,
  ];
}

function transactionFrom(row: NewTransaction, id: number): TransactionRow {
  return {
    id,
    pointsAccount: row.pointsAccount,
    member: row.member,
    transactionEid: row.transactionEid,
    type: row.type,
    status: row.status,
    amount: row.amount,
    promotion: row.promotion,
    activationAt: row.activationAt,
    expirationAt: row.expirationAt,
    tempDeadline: row.tempDeadline,
    createdAt: row.createdAt,
    recordedAt: row.recordedAt,
    requestFingerprint: null,
    response: null,
  };
}

export async function insertTransaction(em: EntityManager, row: NewTransaction): Promise<TransactionRow> {
  const [inserted]: Raw[] = await em.execute(INSERT_TRANSACTION, transactionParams(row));
  return transactionFrom(row, num(inserted['id']));
}

/** Several transactions in one statement (up to ~2,900: 22 parameters each); returned in the order given. */
export async function insertTransactions(em: EntityManager, rows: NewTransaction[]): Promise<TransactionRow[]> {
  if (rows.length === 0) return [];
  const inserted: Raw[] = await em.execute(
    `${TRANSACTION_INSERT_INTO} values ${rows.map(() => TRANSACTION_VALUES).join(', ')} returning id, transaction_eid`,
    rows.flatMap(transactionParams),
  );
  const ids = new Map(inserted.map((row) => [row['transaction_eid'] as string, num(row['id'])]));
  return rows.map((row) => transactionFrom(row, ids.get(row.transactionEid) as number));
}

/** An accrual and its lot in one statement. */
export async function insertTransactionWithLot(
  em: EntityManager,
  row: NewTransaction,
  lot: { amount: bigint; activationAt: Date; expiresAt: Date | null },
): Promise<{ transaction: TransactionRow; lot: LotRow }> {
  const [ids]: Raw[] = await em.execute(
    `with t as (${INSERT_TRANSACTION})
     insert into points_lots (account_id, points_account_id, transaction_id, amount, remaining, activation_at, expires_at, activated, expired)
     select ?, ?, t.id, ?, ?, ?, ?, false, false from t
     returning id, transaction_id`,
    [
      ...transactionParams(row),
      row.tenant,
      row.pointsAccount,
      lot.amount.toString(),
      lot.amount.toString(),
      lot.activationAt,
      lot.expiresAt,
    ],
  );
  const transaction = transactionFrom(row, num(ids['transaction_id']));
  return {
    transaction,
    lot: {
      id: num(ids['id']),
      pointsAccount: row.pointsAccount,
      transaction: transaction.id,
      amount: lot.amount,
      remaining: lot.amount,
      activationAt: lot.activationAt,
      expiresAt: lot.expiresAt,
      activated: false,
      expired: false,
    },
  };
}

/** Changes a transaction's status (its one mutable field) and logs the change. */
export async function changeStatus(
  em: EntityManager,
  tenant: number,
  transaction: TransactionRow,
  to: TransactionStatus,
  reason: string,
  at: Date,
): Promise<void> {
  await em.execute(
    `with changed as (update points_transactions set status = ? where id = ? returning id)
     insert into transaction_status_changes (account_id, transaction_id, from_status, to_status, reason, changed_at)
     select ?, id, ?, ?, ?, ? from changed`,
    [to, transaction.id, tenant, transaction.status, to, reason, at],
  );
  transaction.status = to;
}

export function storeAnswer(transactionId: number, fingerprint: string, answer: string): SqlStatement {
  return {
    sql: 'update points_transactions set request_fingerprint = ?, response = ? where id = ?',
    params: [fingerprint, answer, transactionId],
  };
}

export async function findTransactionByEid(
  em: EntityManager,
  program: number,
  eid: string,
): Promise<TransactionRow | null> {
  const rows: Raw[] = await em.execute(
    `select ${TRANSACTION_COLUMNS} from points_transactions where program_id = ? and transaction_eid = ?`,
    [program, eid],
  );
  return rows.length ? toTransaction(rows[0]) : null;
}

export async function findTransactionById(
  em: EntityManager,
  program: number,
  id: number,
): Promise<TransactionRow | null> {
  const rows: Raw[] = await em.execute(
    `select ${TRANSACTION_COLUMNS} from points_transactions where program_id = ? and id = ?`,
    [program, id],
  );
  return rows.length ? toTransaction(rows[0]) : null;
}

/** The account's temporary transactions, or only those whose deadline is at or before `dueBy`. */
export async function loadTemporaries(em: EntityManager, accountId: number, dueBy?: Date): Promise<TransactionRow[]> {
  const rows: Raw[] = await em.execute(
    `select ${TRANSACTION_COLUMNS} from points_transactions
      where points_account_id = ? and status = 'temporary' ${dueBy ? 'and temp_deadline <= ?' : ''} order by id`,
    dueBy ? [accountId, dueBy] : [accountId],
  );
  return rows.map(toTransaction);
}

export async function loadAllocations(em: EntityManager, transactionIds: number[]): Promise<AllocationRow[]> {
  if (transactionIds.length === 0) return [];
  const rows: Raw[] = await em.execute(
    'select * from redemption_allocations where transaction_id = any(?::bigint[]) order by id',
    [`{${transactionIds.join(',')}}`],
  );
  return rows.map(toAllocation);
}

export async function insertAllocations(
  em: EntityManager,
  tenant: number,
  transactionId: number,
  parts: { lot: number; amount: bigint }[],
): Promise<void> {
  if (parts.length === 0) return;
  await em.execute(
    `insert into redemption_allocations (account_id, transaction_id, lot_id, amount, returned) values ${parts.map(() => '(?, ?, ?, ?, 0)').join(', ')}`,
    parts.flatMap((part) => [tenant, transactionId, part.lot, part.amount.toString()]),
  );
}

/** Adds given-back parts to their allocations' `returned`. */
export async function markAllocationsReturned(
  em: EntityManager,
  parts: readonly { allocationId: number; amount: bigint }[],
): Promise<void> {
  if (parts.length === 0) return;
  await em.execute(
    `update redemption_allocations as r set returned = r.returned + v.amount::bigint
       from (values ${parts.map(() => '(?, ?)').join(', ')}) as v(id, amount)
      where r.id = v.id::bigint`,
    parts.flatMap((part) => [part.allocationId, part.amount.toString()]),
  );
}

/**
 * How much of a posted transaction earlier cancellations reversed: the magnitudes of its
 * `cancellation`s plus, for an accrual, what they could not collect (the uncollected
 * adjustments). Reads only the account's transactions after the original (its index).
 */
export async function reversedSoFar(em: EntityManager, original: TransactionRow): Promise<bigint> {
  const [row]: Raw[] = await em.execute(
    `select coalesce(sum(abs(amount)) filter (where type = 'cancellation'), 0)
          + coalesce(sum(round((external_data->>'uncollected')::numeric * 100))
                       filter (where type = 'adjustment' and external_data->>'uncollected' is not null), 0) as reversed
       from points_transactions
      where points_account_id = ? and id > ? and related_transaction = ?`,
    [original.pointsAccount, original.id, original.id],
  );
  return BigInt(String(row['reversed']).split('.')[0]);
}
