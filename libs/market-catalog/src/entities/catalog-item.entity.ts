import { BigIntType, Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';

export type CatalogItemKind = 'product' | 'sku';

/** Regional price and stock, money in minor units as decimal-integer text (JSON has no bigint). */
export interface StoredRegionalData {
  region: string;
  price: string | null;
  old_price: string | null;
  currency: string | null;
  count: number | null;
  is_available: boolean;
}

const moneyType = new BigIntType('bigint');

/**
 * A product or a SKU (one table: they share every field; a SKU names its product). Deletion is
 * soft, so that old orders still resolve their lines.
 */
@Entity({ tableName: 'market_items' })
@Unique({ properties: ['account', 'kind', 'externalId'] })
@Index({ properties: ['account', 'productExternalId'] })
export class CatalogItem {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @Property({ type: 'text' })
  kind!: CatalogItemKind;

  @Property({ type: 'text' })
  externalId!: string;

  /** The product of a SKU; null for products. */
  @Property({ type: 'text', nullable: true })
  productExternalId: string | null = null;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: moneyType, nullable: true })
  price: bigint | null = null;

  @Property({ type: moneyType, nullable: true })
  oldPrice: bigint | null = null;

  @Property({ type: 'text', nullable: true })
  currency: string | null = null;

  @Property({ type: 'jsonb' })
  tags!: string[];

  @Property({ type: 'text', nullable: true })
  manufacturerName: string | null = null;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'text', nullable: true })
  url: string | null = null;

  @Property({ type: 'jsonb' })
  pictures!: string[];

  /** Category external ids (direct); sub-category matching uses the category tree. */
  @Property({ type: 'jsonb' })
  categories!: string[];

  @Property({ type: 'integer', nullable: true })
  count: number | null = null;

  @Property({ type: 'boolean' })
  isAvailable!: boolean;

  @Property({ type: 'text', nullable: true })
  barcode: string | null = null;

  @Property({ type: 'jsonb' })
  customFields!: Record<string, unknown>;

  @Property({ type: 'jsonb' })
  regionalData!: StoredRegionalData[];

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  deletedAt: Date | null = null;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;

  @Property({ type: 'timestamptz', length: 3 })
  updatedAt!: Date;
}
