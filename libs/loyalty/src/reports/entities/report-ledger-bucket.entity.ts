import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { idType } from '@loyalty/platform';

/**
 * The ledger's counted figures per program, currency, UTC quarter hour, transaction type and
 * promotion (0 = none). Quarter hours, not local days: every time zone's day boundary falls on
 * one, so a program may change its zone without a rebuild. Folded from `report_ledger_deltas`.
 */
@Entity({ tableName: 'report_ledger_buckets' })
export class ReportLedgerBucket {
  @PrimaryKey({ type: idType })
  programId!: number;

  @PrimaryKey({ type: idType })
  currencyId!: number;

  @PrimaryKey({ type: 'timestamptz', length: 3 })
  bucket!: Date;

  @PrimaryKey({ type: 'text' })
  type!: string;

  @PrimaryKey({ type: idType })
  promotionId!: number;

  @Property({ type: 'bigint' })
  amount!: bigint;

  @Property({ type: 'bigint' })
  n!: bigint;

  @Property({ type: 'bigint' })
  uncollected!: bigint;

  @Property({ type: 'bigint' })
  partnerFunded!: bigint;
}
