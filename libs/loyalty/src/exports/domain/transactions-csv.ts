import { Points } from '@loyalty/kernel';
import { csvRecord } from './csv';

/** The columns of a transactions export: a `loyalty/account/transactions` item and the member's profile. */
export const TRANSACTION_CSV_COLUMNS = [
  'transaction_id',
  'transaction_eid',
  'profile_id',
  'created_at',
  'transaction_type',
  'status',
  'amount',
  'balance_before',
  'balance_after',
  'promo_iid',
  'promo_eid',
  'description',
  'activation_date',
  'expiration_date',
  'source_type',
  'source_iid',
  'source_eid',
  'external_data',
] as const;

export interface ExportedTransaction {
  id: number;
  transactionEid: string;
  profileId: string;
  createdAt: Date;
  type: string;
  status: string;
  amount: bigint;
  balanceBefore: bigint;
  balanceAfter: bigint;
  promotionId: number | null;
  promotionEid: string | null;
  description: string | null;
  activationAt: Date | null;
  expirationAt: Date | null;
  sourceType: string | null;
  sourceIid: string | null;
  sourceEid: string | null;
  externalData: unknown;
}

const time = (instant: Date | null) => (instant ? instant.toISOString() : null);

export const transactionsCsvHeader = () => csvRecord([...TRANSACTION_CSV_COLUMNS]);

/** A transaction as one CSV record: points as decimal text, instants as RFC 3339 UTC, external data as JSON. */
export function transactionCsvRecord(row: ExportedTransaction): string {
  return csvRecord([
    row.id,
    row.transactionEid,
    row.profileId,
    time(row.createdAt),
    row.type,
    row.status,
    Points.format(row.amount),
    Points.format(row.balanceBefore),
    Points.format(row.balanceAfter),
    row.promotionId,
    row.promotionEid,
    row.description,
    time(row.activationAt),
    time(row.expirationAt),
    row.sourceType,
    row.sourceIid,
    row.sourceEid,
    row.externalData == null ? null : JSON.stringify(row.externalData),
  ]);
}
