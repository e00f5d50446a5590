import { BigIntType, Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { LoyaltyProgram } from './loyalty-program.entity';

export type CurrencyType = 'standard' | 'qualification';
export type ValidityUnit = 'day' | 'month' | 'year';

/** Points stored as bigint hundredths of a point. */
export const pointsType = new BigIntType('bigint');

/** A kind of points in a program: spendable (`standard`) or tier-driving (`qualification`). */
@Entity({ tableName: 'points_currencies' })
@Unique({ properties: ['program', 'externalId'] })
export class PointsCurrency {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @ManyToOne(() => LoyaltyProgram, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  program!: number;

  @Property({ type: 'text' })
  externalId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  type!: CurrencyType;

  /** Granted once at registration (standard currencies). */
  @Property({ type: pointsType })
  initialBalance!: bigint;

  @Property({ type: 'text', nullable: true })
  validityUnit: ValidityUnit | null = null;

  @Property({ type: 'integer', nullable: true })
  validityValue: number | null = null;

  @Property({ type: 'integer' })
  activationDelayDays!: number;

  /** The money one point pays for, as a decimal string ("1.00", "0.01"). */
  @Property({ type: 'text' })
  pointValue!: string;

  /** Display and input precision: 0 (whole points) or 2. Amounts are stored in hundredths either way. */
  @Property({ type: 'smallint' })
  precision!: 0 | 2;

  @Property({ type: 'boolean' })
  allowNegative!: boolean;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;

  @Property({ type: 'timestamptz', length: 3 })
  updatedAt!: Date;
}
