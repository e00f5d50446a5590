import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { pointsType } from './points-currency.entity';
import { PointsLot } from './points-lot.entity';
import { PointsTransaction } from './points-transaction.entity';

/** How much a redemption (or a hold, or a reversal) took from one lot, and how much went back. */
@Entity({ tableName: 'redemption_allocations' })
export class RedemptionAllocation {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @ManyToOne(() => PointsTransaction, { mapToPk: true, type: idType, deleteRule: 'cascade', index: true })
  transaction!: number;

  @ManyToOne(() => PointsLot, { mapToPk: true, type: idType, deleteRule: 'cascade', index: true })
  lot!: number;

  @Property({ type: pointsType })
  amount!: bigint;

  /** The part given back to the lot (cancellation, return, released hold). */
  @Property({ type: pointsType })
  returned!: bigint;
}
