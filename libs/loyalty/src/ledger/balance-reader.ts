import type { EntityManager } from '@mikro-orm/postgresql';
import { Balance, netBalance, projectBalance } from '@loyalty/loyalty-engine';
import type { MemberRef } from '../repositories/member-lookup';
import type { PointsCurrency } from '../entities/points-currency.entity';
import { AccountRow, loadAllocations, loadLots, loadTemporaries } from './ledger-store';
import { asTemporary } from './member-ledger';

const ZERO: Balance = { active: 0n, pending: 0n, held: 0n, total: 0n };

/**
 * A member's balance in one currency at `now`, without locks and without waiting for the worker:
 * the cached balance plus the transitions that are due but not processed yet (lots past their
 * activation or expiry, temporary transactions past their deadline).
 */
export async function readBalance(
  em: EntityManager,
  member: MemberRef,
  currency: PointsCurrency,
  now: Date,
): Promise<Balance> {
  // One query in the common case: the cached balance, and whether anything is due that the
  // worker has not processed yet (only then are the lots and temporaries read).
  const [row]: Record<string, unknown>[] = await em.execute(
    `select a.id, a.active, a.pending, a.held, a.debt,
            exists (select 1 from points_transactions t
                     where t.points_account_id = a.id and t.status = 'temporary' and t.temp_deadline <= ?) as due_temporaries,
            exists (select 1 from points_lots l
                     where l.points_account_id = a.id
                       and ((not l.activated and l.activation_at <= ?) or (not l.expired and l.expires_at < ?))) as due_lots
       from points_accounts a where a.member_id = ? and a.currency_id = ?`,
    [now, now, now, member.id, currency.id],
  );
  if (!row) return ZERO;
  const account: Pick<AccountRow, 'active' | 'pending' | 'held' | 'debt'> = {
    active: BigInt(row['active'] as string),
    pending: BigInt(row['pending'] as string),
    held: BigInt(row['held'] as string),
    debt: BigInt(row['debt'] as string),
  };
  if (!row['due_temporaries'] && !row['due_lots']) return netBalance(account);
  const accountId = Number(row['id']);
  const temporaries = await loadTemporaries(em, accountId, now);
  const allocations = await loadAllocations(
    em,
    temporaries.filter((transaction) => transaction.type === 'redemption').map((transaction) => transaction.id),
  );
  const due: Record<string, unknown>[] = await em.execute(
    `select id from points_lots
      where points_account_id = ? and ((not activated and activation_at <= ?) or (not expired and expires_at < ?))`,
    [accountId, now, now],
  );
  const lots = await loadLots(em, [
    ...new Set([...due.map((lot) => Number(lot['id'])), ...allocations.map((allocation) => allocation.lot)]),
  ]);
  if (lots.length === 0 && temporaries.length === 0) return netBalance(account);
  return projectBalance(
    account,
    lots,
    temporaries.map((transaction) => asTemporary(transaction, allocations)),
    now,
  );
}
