import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { PointsAccount } from './points-account.entity';
import { pointsType } from './points-currency.entity';
import { PointsTransaction } from './points-transaction.entity';

/**
 * One accrual's points, with their own activation and expiry. `activated` and `expired` say
 * whether the account's cached balance already reflects those instants.
 */
@Entity({ tableName: 'points_lots' })
@Index({ properties: ['pointsAccount', 'id'] })
@Index({
  name: 'points_lots_due_activation_idx',
  expression: 'create index "points_lots_due_activation_idx" on "points_lots" ("activation_at") where not "activated"',
})
@Index({
  name: 'points_lots_due_expiry_idx',
  expression:
    'create index "points_lots_due_expiry_idx" on "points_lots" ("expires_at") where not "expired" and "expires_at" is not null',
})
export class PointsLot {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @ManyToOne(() => PointsAccount, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  pointsAccount!: number;

  /** The accrual (or initial balance, adjustment, import) that created it. */
  @ManyToOne(() => PointsTransaction, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  transaction!: number;

  @Property({ type: pointsType })
  amount!: bigint;

  @Property({ type: pointsType })
  remaining!: bigint;

  @Property({ type: 'timestamptz', length: 3 })
  activationAt!: Date;

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  expiresAt: Date | null = null;

  @Property({ type: 'boolean' })
  activated!: boolean;

  @Property({ type: 'boolean' })
  expired!: boolean;
}
