import { randomUUID } from 'node:crypto';
import type { NewTransaction } from './ledger-store';

/** Whose ledger a posting goes to. */
export interface PostingOwner {
  tenant: number;
  program: number;
  member: number;
  pointsAccount: number;
}

/**
 * The `expiration` transaction of `amount` points of a lot, dated `at` (the lot's expiry instant
 * for a due expiry, however late it is processed; now for a part given back to an expired lot).
 * Posted after the account was changed: `totalAfter` is its total balance without those points.
 */
export function expirationRow(
  owner: PostingOwner,
  totalAfter: bigint,
  lot: { transaction: number; expiresAt: Date | null },
  amount: bigint,
  at: Date,
  now: Date,
): NewTransaction {
  return {
    ...owner,
    transactionEid: randomUUID(),
    type: 'expiration',
    status: 'posted',
    amount: -amount,
    balanceBefore: totalAfter + amount,
    balanceAfter: totalAfter,
    promotion: null,
    description: 'Expired',
    activationAt: null,
    expirationAt: lot.expiresAt,
    tempDeadline: null,
    sourceType: null,
    sourceIid: null,
    sourceEid: null,
    externalData: null,
    relatedTransaction: lot.transaction,
    createdAt: at,
    recordedAt: now,
  };
}
