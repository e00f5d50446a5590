import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';

export const LINE_STATUS_EFFECTS = ['none', 'canceled', 'refunded'] as const;
export type LineStatusEffect = (typeof LINE_STATUS_EFFECTS)[number];

/** A shop's own line status (declared by `market/orders/import`) and what it means for the line. */
@Entity({ tableName: 'order_custom_line_statuses' })
@Unique({ properties: ['account', 'externalId'] })
export class CustomLineStatus {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @Property({ type: 'text' })
  externalId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  effect!: LineStatusEffect;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;
}
