import type { EntityManager } from '@mikro-orm/postgresql';
import type { TransactionStatus, TransactionType } from '../entities/points-transaction.entity';

/** A ledger transaction posted for an order: by its commit, a return or its cancellation. */
export interface OrderLedgerTransaction {
  transactionId: number;
  type: TransactionType;
  status: TransactionStatus;
  currencyEid: string;
  /** Signed change of the total balance (hundredths). */
  amount: bigint;
  /** The transaction a cancellation (or an uncollected adjustment) reverses. */
  relatedTransactionId: number | null;
  externalData: Record<string, unknown> | null;
  createdAt: Date;
}

/**
 * The order's transactions in the member's ledger, oldest first: every transaction carrying the
 * order as its source (`source_type: "order"`), read from the member's accounts from the commit's
 * first transaction on (the accounts' index). Expirations that follow a give-back to an expired
 * lot belong to the lot, not the order, and are not listed.
 */
export async function loadOrderTransactions(
  em: EntityManager,
  memberId: number,
  orderId: number,
  firstTransactionId: number,
): Promise<OrderLedgerTransaction[]> {
  const rows: Record<string, unknown>[] = await em.execute(
    `select t.id, t.type, t.status, t.amount, t.related_transaction, t.external_data, t.created_at,
            c.external_id as currency_eid
       from points_accounts a
       join points_transactions t on t.points_account_id = a.id and t.id >= ?
       join points_currencies c on c.id = a.currency_id
      where a.member_id = ? and t.source_type = 'order' and t.source_iid = ?
      order by t.id`,
    [firstTransactionId, memberId, String(orderId)],
  );
  return rows.map((row) => ({
    transactionId: Number(row['id']),
    type: row['type'] as TransactionType,
    status: row['status'] as TransactionStatus,
    currencyEid: row['currency_eid'] as string,
    amount: BigInt(row['amount'] as string),
    relatedTransactionId: row['related_transaction'] == null ? null : Number(row['related_transaction']),
    externalData: (row['external_data'] as Record<string, unknown> | null) ?? null,
    createdAt: new Date(row['created_at'] as string),
  }));
}
