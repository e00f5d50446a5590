import { Entity, Index, ManyToOne, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { ProfileDatabase } from '@loyalty/profiles';

export type ArbitrationMode = 'priority' | 'best_for_customer';
export type ActivateOn = 'delay' | 'paid' | 'delivered';

export interface ArbitrationSettings {
  mode: ArbitrationMode;
  /** Decimal percent, e.g. "30", or null for no cap. */
  max_discount_percent: string | null;
}

export interface RedemptionSettings {
  enabled: boolean;
  /** Decimal percent of the eligible amount, e.g. "100". */
  max_share_percent: string;
  /** Points, 2 fraction digits. */
  min_redeem: string;
  /** Points, 2 fraction digits. */
  step: string;
}

/** A loyalty program bound to one profile database; at most one is active per database. */
@Entity({ tableName: 'loyalty_programs' })
@Unique({ properties: ['account', 'externalId'] })
@Index({
  name: 'loyalty_programs_one_active_per_database',
  expression:
    'create unique index "loyalty_programs_one_active_per_database" on "loyalty_programs" ("database_id") where "is_active"',
})
export class LoyaltyProgram {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @Property({ type: 'text' })
  externalId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  /** The profile database (`db_id`); never changes after creation. */
  @ManyToOne(() => ProfileDatabase, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  database!: number;

  /** IANA zone of the program's calendar (expiry days, date-only fields, limit periods). */
  @Property({ type: 'text' })
  timezone!: string;

  /** ISO 4217 code of the money the program prices in. */
  @Property({ type: 'text' })
  currency!: string;

  @Property({ type: 'boolean' })
  isActive!: boolean;

  @Property({ type: 'jsonb' })
  arbitration!: ArbitrationSettings;

  @Property({ type: 'jsonb' })
  redemption!: RedemptionSettings;

  @Property({ type: 'boolean' })
  allowUnknownItems!: boolean;

  @Property({ type: 'jsonb' })
  expiryNoticeDays!: number[];

  @Property({ type: 'text' })
  activateOn!: ActivateOn;

  @Property({ type: 'boolean' })
  releaseOnCancel!: boolean;

  /**
   * Moved by database triggers whenever the program, its currencies, tier groups, tiers or
   * promotion settings change: in-process caches compare it to know they are current.
   */
  @Property({ type: 'bigint', defaultRaw: '0' })
  configVersion!: string & Opt;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;

  @Property({ type: 'timestamptz', length: 3 })
  updatedAt!: Date;
}
