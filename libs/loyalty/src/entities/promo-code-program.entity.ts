import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';

export type PromoCodeKind = 'personal' | 'universal';

/**
 * A promo-code program (`loyalty_id`): a set of codes of one kind. Personal codes are attached to
 * one profile and used once by it; universal codes are used by anyone, once each or (`multiUse`)
 * up to `maxUsesPerCode` times. Programs belong to the account, not to a loyalty program.
 */
@Entity({ tableName: 'promo_code_programs' })
@Unique({ properties: ['account', 'shortName'] })
export class PromoCodeProgram {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @Property({ type: 'text' })
  name!: string;

  /** The name templates use; unique in the account. */
  @Property({ type: 'text' })
  shortName!: string;

  @Property({ type: 'text' })
  kind!: PromoCodeKind;

  /** Universal programs only: one code may be used more than once. */
  @Property({ type: 'boolean' })
  multiUse!: boolean;

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  validFrom: Date | null = null;

  /** The last valid millisecond (inclusive). */
  @Property({ type: 'timestamptz', length: 3, nullable: true })
  validTo: Date | null = null;

  /** Multi-use programs: how often one code may be used; null = without limit. */
  @Property({ type: 'integer', nullable: true })
  maxUsesPerCode: number | null = null;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;

  @Property({ type: 'timestamptz', length: 3 })
  updatedAt!: Date;
}
