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
  const [row]: Record<string, unknown>[] = await em.execute(
    'select id, active, pending, held, debt from points_accounts where member_id = ? and currency_id = ?',
    [member.id, currency.id],
  );
  if (!row) return ZERO;
  const account: Pick<AccountRow, 'active' | 'pending' | 'held' | 'debt'> = {
    active: BigInt(row['active'] as string),
    pending: BigInt(row['pending'] as string),
    held: BigInt(row['held'] as string),
    debt: BigInt(row['debt'] as string),
  };
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
