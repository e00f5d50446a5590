import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { idType } from '@loyalty/platform';

/**
 * Σ counted amounts per program, currency and UTC calendar month, folded with the buckets: the
 * opening liability of a window sums months instead of every quarter hour of the program's history.
 */
@Entity({ tableName: 'report_ledger_months' })
export class ReportLedgerMonth {
  @PrimaryKey({ type: idType })
  programId!: number;

  @PrimaryKey({ type: idType })
  currencyId!: number;

  @PrimaryKey({ type: 'timestamptz', length: 3 })
  month!: Date;

  @Property({ type: 'bigint' })
  amount!: bigint;
}
