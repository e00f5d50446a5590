import type { EntityManager } from '@mikro-orm/postgresql';
import { Balance, netBalance, projectBalance, TemporaryTransaction } from '@loyalty/loyalty-engine';
import type { Member } from '../entities/member.entity';
import { PointsAccount } from '../entities/points-account.entity';
import type { PointsCurrency } from '../entities/points-currency.entity';
import { PointsLot } from '../entities/points-lot.entity';
import { PointsTransaction } from '../entities/points-transaction.entity';
import { RedemptionAllocation } from '../entities/redemption-allocation.entity';

const ZERO: Balance = { active: 0n, pending: 0n, held: 0n, total: 0n };

/**
 * A member's balance in one currency at `now`, without locks and without waiting for the worker:
 * the cached balance plus the transitions that are due but not processed yet (lots past their
 * activation or expiry, temporary transactions past their deadline).
 */
export async function readBalance(
  em: EntityManager,
  member: Member,
  currency: PointsCurrency,
  now: Date,
): Promise<Balance> {
  const account = await em.findOne(PointsAccount, { member: member.id, currency: currency.id }, { filters: false });
  if (!account) return ZERO;
  const temporaries = await em.find(
    PointsTransaction,
    { pointsAccount: account.id, status: 'temporary', tempDeadline: { $lte: now } },
    { filters: false },
  );
  const allocations = temporaries.some((transaction) => transaction.type === 'redemption')
    ? await em.find(
        RedemptionAllocation,
        { transaction: { $in: temporaries.map((transaction) => transaction.id) } },
        { filters: false },
      )
    : [];
  const lots = await em.find(
    PointsLot,
    {
      pointsAccount: account.id,
      $or: [
        { activated: false, activationAt: { $lte: now } },
        { expired: false, expiresAt: { $lt: now } },
        { id: { $in: allocations.map((allocation) => allocation.lot) } },
      ],
    },
    { filters: false },
  );
  if (lots.length === 0 && temporaries.length === 0) return netBalance(account);
  return projectBalance(
    account,
    lots,
    temporaries.map((transaction) => asTemporary(transaction, allocations)),
    now,
  );
}

export function asTemporary(transaction: PointsTransaction, allocations: RedemptionAllocation[]): TemporaryTransaction {
  const redemption = transaction.type === 'redemption';
  return {
    transactionId: transaction.id,
    kind: redemption ? 'redemption' : 'accrual',
    amount: redemption ? -transaction.amount : transaction.amount,
    deadline: transaction.tempDeadline as Date,
    allocations: redemption
      ? allocations
          .filter((allocation) => allocation.transaction === transaction.id)
          .map((allocation) => ({ lotId: allocation.lot, amount: allocation.amount }))
      : undefined,
  };
}
