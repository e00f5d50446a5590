import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { LoyaltyProgram } from './loyalty-program.entity';
import { Member } from './member.entity';
import { PointsAccount } from './points-account.entity';
import { pointsType } from './points-currency.entity';
import { Promotion } from './promotion.entity';

export type TransactionType =
  | 'accrual'
  | 'redemption'
  | 'expiration'
  | 'cancellation'
  | 'adjustment'
  | 'initial_balance';
export type TransactionStatus = 'temporary' | 'posted' | 'rolled_back' | 'cancelled';

/**
 * An append-only ledger entry. `amount` is the signed change of the total balance
 * (`balanceAfter = balanceBefore + amount`); only `status` ever changes, and every change is logged.
 */
@Entity({ tableName: 'points_transactions' })
@Unique({ properties: ['program', 'transactionEid'] })
@Index({ properties: ['pointsAccount', 'id'] })
@Index({
  name: 'points_transactions_temporary_deadline_idx',
  expression:
    'create index "points_transactions_temporary_deadline_idx" on "points_transactions" ("temp_deadline") where "status" = \'temporary\'',
})
@Index({
  name: 'points_transactions_account_temporaries_idx',
  expression:
    'create index "points_transactions_account_temporaries_idx" on "points_transactions" ("points_account_id") where "status" = \'temporary\'',
})
@Index({
  name: 'points_transactions_program_created_idx',
  expression:
    'create index "points_transactions_program_created_idx" on "points_transactions" ("program_id", "created_at", "id") include ("points_account_id")',
})
export class PointsTransaction {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @ManyToOne(() => LoyaltyProgram, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  program!: number;

  @ManyToOne(() => Member, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  member!: number;

  @ManyToOne(() => PointsAccount, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  pointsAccount!: number;

  /** The caller's id for the operation (generated when not given); unique in the program. */
  @Property({ type: 'text' })
  transactionEid!: string;

  @Property({ type: 'text' })
  type!: TransactionType;

  @Property({ type: 'text' })
  status!: TransactionStatus;

  @Property({ type: pointsType })
  amount!: bigint;

  /** Total balance before and after, as of this transaction. */
  @Property({ type: pointsType })
  balanceBefore!: bigint;

  @Property({ type: pointsType })
  balanceAfter!: bigint;

  @ManyToOne(() => Promotion, { mapToPk: true, type: idType, nullable: true, deleteRule: 'set null' })
  promotion: number | null = null;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  activationAt: Date | null = null;

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  expirationAt: Date | null = null;

  /** Temporary transactions: when they roll back by themselves. */
  @Property({ type: 'timestamptz', length: 3, nullable: true })
  tempDeadline: Date | null = null;

  @Property({ type: 'text', nullable: true })
  sourceType: string | null = null;

  @Property({ type: 'text', nullable: true })
  sourceIid: string | null = null;

  @Property({ type: 'text', nullable: true })
  sourceEid: string | null = null;

  @Property({ type: 'jsonb', nullable: true })
  externalData: unknown = null;

  /** The transaction this one reverses or expires a part of (cancellations, expirations at once). */
  @Property({ type: idType, nullable: true })
  relatedTransaction: number | null = null;

  /** Fingerprint of the request that made it, to tell a replay from a different body. */
  @Property({ type: 'text', nullable: true })
  requestFingerprint: string | null = null;

  /** The JSON answer given to that request, replayed verbatim (text: jsonb would reorder its keys). */
  @Property({ type: 'text', nullable: true })
  response: string | null = null;

  /** When it happened for the ledger (may be back-dated by `created_at`). */
  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;

  /** When it was written. */
  @Property({ type: 'timestamptz', length: 3 })
  recordedAt!: Date;
}
