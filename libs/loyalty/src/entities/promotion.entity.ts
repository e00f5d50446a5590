import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { LoyaltyProgram } from './loyalty-program.entity';
import { pointsType } from './points-currency.entity';

export type PromotionType = 'trigger' | 'discount' | 'points';
export type Stacking = 'exclusive' | 'combinable';
export type LimitPeriod = 'day' | 'week' | 'month' | 'year';

/** A trigger promotion's rule for one currency; amounts are canonical point strings ("100.00"). */
export interface TriggerRule {
  points_currency_eid: string;
  static_amount: string | null;
  min_amount: string | null;
  max_amount: string | null;
}

export interface TriggerRules {
  accrual_rules: TriggerRule[];
  redeem_rules: TriggerRule[];
}

/**
 * A promotion: `trigger` (points for actions through the points API and scenarios), or the
 * checkout kinds `discount` and `points`. Use counters move with conditional updates.
 */
@Entity({ tableName: 'promotions' })
@Unique({ properties: ['program', 'externalId'] })
export class Promotion {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @ManyToOne(() => LoyaltyProgram, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  program!: number;

  @Property({ type: 'text' })
  type!: PromotionType;

  @Property({ type: 'text' })
  externalId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  startDate: Date | null = null;

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  endDate: Date | null = null;

  @Property({ type: 'boolean' })
  isActive!: boolean;

  @Property({ type: 'integer' })
  priority!: number;

  @Property({ type: 'text' })
  stacking!: Stacking;

  @Property({ type: 'jsonb', nullable: true })
  conditions: unknown = null;

  @Property({ type: 'integer', nullable: true })
  limitPerMember: number | null = null;

  @Property({ type: 'text', nullable: true })
  limitPerMemberPeriod: LimitPeriod | null = null;

  @Property({ type: 'integer', nullable: true })
  limitTotalUses: number | null = null;

  /** Points (hundredths) for trigger and points promotions; money (minor units) for discounts. */
  @Property({ type: pointsType, nullable: true })
  limitBudget: bigint | null = null;

  @Property({ type: 'integer' })
  usesCount!: number;

  @Property({ type: pointsType })
  budgetUsed!: bigint;

  @Property({ type: idType, nullable: true })
  promoCodeProgramId: number | null = null;

  @Property({ type: 'text' })
  returnPolicy!: 'keep' | 'reevaluate';

  /** The type's own settings: TriggerRules for `trigger`; discount or accrual blocks for the checkout kinds. */
  @Property({ type: 'jsonb' })
  rules!: Record<string, unknown>;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;

  @Property({ type: 'timestamptz', length: 3 })
  updatedAt!: Date;
}
