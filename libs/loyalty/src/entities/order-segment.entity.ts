import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { LoyaltyProgram } from './loyalty-program.entity';

/** A named checkout condition tree (`order_segment` leaves name it by id), evaluated per cart. */
@Entity({ tableName: 'loyalty_order_segments' })
export class OrderSegment {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @ManyToOne(() => LoyaltyProgram, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  program!: number;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'jsonb' })
  conditions!: Record<string, unknown>;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;

  @Property({ type: 'timestamptz', length: 3 })
  updatedAt!: Date;
}
