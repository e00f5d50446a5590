import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { Member } from './member.entity';
import { PointsCurrency, pointsType } from './points-currency.entity';

/**
 * A member's balance in one currency, cached as of the last processed change: what the lots and
 * temporary transactions add up to, given which activations and expiries have been processed.
 * Every write locks this row; `version` counts the writes.
 */
@Entity({ tableName: 'points_accounts' })
@Unique({ properties: ['member', 'currency'] })
export class PointsAccount {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @ManyToOne(() => Member, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  member!: number;

  @ManyToOne(() => PointsCurrency, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  currency!: number;

  @Property({ type: pointsType })
  active!: bigint;

  @Property({ type: pointsType })
  pending!: bigint;

  @Property({ type: pointsType })
  held!: bigint;

  /** Points owed (a negative balance), only where the currency allows it. */
  @Property({ type: pointsType })
  debt!: bigint;

  @Property({ type: 'integer' })
  version!: number;

  /** Set when the member is deleted: no operations any more. */
  @Property({ type: 'boolean' })
  frozen!: boolean;
}
