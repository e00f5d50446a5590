import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { Profile, ProfileDatabase } from '@loyalty/profiles';
import { PromoCodeProgram } from './promo-code-program.entity';

/**
 * One promo code of a program. A personal code is attached to a profile (`database` and `profile`
 * together, or neither). `usesCount` is the truth about use: 0 = unused; `activatedAt` is the
 * first activation and is null exactly when `usesCount` is 0. Uses move with conditional updates.
 */
@Entity({ tableName: 'promo_codes' })
@Unique({ properties: ['program', 'code'] })
@Index({ properties: ['account', 'code'] })
@Index({ properties: ['program', 'id'] })
@Index({
  name: 'promo_codes_free_idx',
  expression:
    'create index "promo_codes_free_idx" on "promo_codes" ("program_id", "id") where "profile_id" is null and "uses_count" = 0',
})
export class PromoCode {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @ManyToOne(() => PromoCodeProgram, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  program!: number;

  @Property({ type: 'text' })
  code!: string;

  /** The database of the attached profile (null when not attached). */
  @ManyToOne(() => ProfileDatabase, { mapToPk: true, type: idType, nullable: true, deleteRule: 'set null' })
  database: number | null = null;

  /** The attached profile's `profile_id` (null when not attached). */
  @ManyToOne(() => Profile, { mapToPk: true, type: 'text', nullable: true, deleteRule: 'set null' })
  profile: string | null = null;

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  attachedAt: Date | null = null;

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  activatedAt: Date | null = null;

  @Property({ type: 'integer' })
  usesCount!: number;

  /** The code's own last valid millisecond; the program's `validTo` also bounds it. */
  @Property({ type: 'timestamptz', length: 3, nullable: true })
  expireDate: Date | null = null;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;

  @Property({ type: 'timestamptz', length: 3 })
  updatedAt!: Date;
}
