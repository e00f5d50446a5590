import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { PointsTransaction, TransactionStatus } from './points-transaction.entity';

/** The log of status changes, the one mutable part of a transaction. */
@Entity({ tableName: 'transaction_status_changes' })
export class TransactionStatusChange {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @ManyToOne(() => PointsTransaction, { mapToPk: true, type: idType, deleteRule: 'cascade', index: true })
  transaction!: number;

  @Property({ type: 'text' })
  fromStatus!: TransactionStatus;

  @Property({ type: 'text' })
  toStatus!: TransactionStatus;

  /** `commit`, `rollback`, `cancel` or `timeout`. */
  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'timestamptz', length: 3 })
  changedAt!: Date;
}
