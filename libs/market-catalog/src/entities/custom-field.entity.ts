import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';

export const CUSTOM_FIELD_ENTITY_TYPES = ['product', 'sku', 'order', 'line_order'] as const;
export type CustomFieldEntityType = (typeof CUSTOM_FIELD_ENTITY_TYPES)[number];
export const CUSTOM_FIELD_VALUE_TYPES = ['int', 'float', 'string', 'bool', 'list', 'date'] as const;
export type CustomFieldValueType = (typeof CUSTOM_FIELD_VALUE_TYPES)[number];

/** The definition of a typed custom field of products, SKUs, orders or order lines. */
@Entity({ tableName: 'market_custom_fields' })
@Unique({ properties: ['account', 'entityType', 'externalId'] })
export class CustomField {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @Property({ type: 'text' })
  entityType!: CustomFieldEntityType;

  @Property({ type: 'text' })
  externalId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  valueType!: CustomFieldValueType;

  @Property({ type: 'boolean' })
  required!: boolean;

  /** Already normalised for its type (see domain/custom-field-values.ts). */
  @Property({ type: 'jsonb', nullable: true })
  defaultValue: unknown = null;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;

  @Property({ type: 'timestamptz', length: 3 })
  updatedAt!: Date;
}
