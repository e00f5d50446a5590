import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';

export const SEGMENT_ENTITIES = ['product', 'sku'] as const;
export type SegmentEntity = (typeof SEGMENT_ENTITIES)[number];
export const SEGMENT_KINDS = ['static', 'dynamic'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

/** A named set of products or SKUs: a static list of external ids, or a condition tree. */
@Entity({ tableName: 'market_product_segments' })
export class ProductSegment {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  entity!: SegmentEntity;

  @Property({ type: 'text' })
  kind!: SegmentKind;

  @Property({ type: 'jsonb' })
  items!: string[];

  @Property({ type: 'jsonb', nullable: true })
  conditions: unknown = null;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;

  @Property({ type: 'timestamptz', length: 3 })
  updatedAt!: Date;
}
