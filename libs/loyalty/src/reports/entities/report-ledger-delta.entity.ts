import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { idType } from '@loyalty/platform';

/**
 * A change of the ledger's counted figures, appended by statement-level triggers on
 * `points_transactions` (a transaction that becomes counted adds +1, one that stops counting
 * adds −1), waiting for the worker to fold it into `report_ledger_buckets`. No foreign keys, so the
 * trigger costs one narrow insert per statement. Written and read with plain SQL only.
 */
@Entity({ tableName: 'report_ledger_deltas' })
@Index({ name: 'report_ledger_deltas_program_idx', properties: ['programId'] })
export class ReportLedgerDelta {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @Property({ type: idType })
  programId!: number;

  @Property({ type: idType })
  pointsAccountId!: number;

  @Property({ type: idType, nullable: true })
  promotionId: number | null = null;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;

  /** Signed points (hundredths) this change adds to the figure. */
  @Property({ type: 'bigint' })
  amount!: bigint;

  /** +1 or −1 transactions. */
  @Property({ type: 'smallint' })
  n!: number;

  /** What an uncollected adjustment could not take (hundredths), signed like `n`. */
  @Property({ type: 'bigint' })
  uncollected!: bigint;

  /** The partner-funded part of an order accrual (hundredths), signed like `n`. */
  @Property({ type: 'bigint' })
  partnerFunded!: bigint;
}
