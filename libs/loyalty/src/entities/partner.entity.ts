import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { LoyaltyProgram } from './loyalty-program.entity';

/**
 * A partner whose products earn on its own terms (cashback, multiplier, discount, no redemption).
 * `products` and `terms` are stored in the API's shape (decimal strings), parsed by the engine.
 */
@Entity({ tableName: 'loyalty_partners' })
@Unique({ properties: ['program', 'externalId'] })
export class Partner {
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

  @Property({ type: 'jsonb' })
  products!: Record<string, unknown>;

  @Property({ type: 'jsonb' })
  terms!: Record<string, unknown>;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;

  @Property({ type: 'timestamptz', length: 3 })
  updatedAt!: Date;
}
