import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { LoyaltyProgram } from './loyalty-program.entity';
import { PointsCurrency } from './points-currency.entity';

export type TierGroupType = 'cumulative' | 'periodic';

/** A ladder of tiers read from one qualification currency. */
@Entity({ tableName: 'tier_groups' })
export class TierGroup {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @ManyToOne(() => LoyaltyProgram, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  program!: number;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  type!: TierGroupType;

  @ManyToOne(() => PointsCurrency, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  currency!: number;

  /** Periodic groups: length of the review period. */
  @Property({ type: 'integer', nullable: true })
  reviewPeriodMonths: number | null = null;

  /** Periodic groups: a review date (YYYY-MM-DD) from which the periods count. */
  @Property({ type: 'text', nullable: true })
  reviewAnchorDate: string | null = null;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;

  @Property({ type: 'timestamptz', length: 3 })
  updatedAt!: Date;
}
