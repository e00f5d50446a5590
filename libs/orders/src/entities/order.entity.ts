import { BigIntType, Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import type { OrderStatus } from '../domain/order-statuses';
import type { OrderCheckout } from '../domain/order-checkout';

export const moneyType = new BigIntType('bigint');

/** Who the order is for, as the import named them; `profileId` when a profile matched. */
export interface OrderPerson {
  matching: string;
  email?: string | null;
  phone?: string | null;
  profile_id?: string | null;
  field_name?: string | null;
  field_value?: string | null;
}

/**
 * An order record. `origin` tells an order imported from the shop's system (loyalty untouched)
 * from one created by `preorder_commit`.
 */
@Entity({ tableName: 'orders' })
@Unique({ properties: ['account', 'externalId'] })
export class Order {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @Property({ type: 'text' })
  externalId!: string;

  @Property({ type: 'text' })
  origin!: 'import' | 'checkout';

  @Property({ type: 'text' })
  endpoint!: string;

  @Property({ type: 'jsonb', nullable: true })
  person: OrderPerson | null = null;

  @Property({ type: 'text', nullable: true })
  profileId: string | null = null;

  @Property({ type: 'text' })
  status!: OrderStatus;

  @Property({ type: 'text' })
  currency!: string;

  @Property({ type: moneyType })
  totalPrice!: bigint;

  @Property({ type: moneyType })
  deliveryCost!: bigint;

  @Property({ type: 'text', nullable: true })
  region: string | null = null;

  @Property({ type: 'jsonb' })
  tags!: string[];

  @Property({ type: 'jsonb' })
  customFields!: Record<string, unknown>;

  @Property({ type: 'timestamptz', length: 3 })
  createTime!: Date;

  @Property({ type: 'timestamptz', length: 3 })
  updateTime!: Date;

  /** What `preorder_commit` decided and posted (null for imported orders); returns and cancellation read it. */
  @Property({ type: 'jsonb', nullable: true })
  checkout: OrderCheckout | null = null;

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  deletedAt: Date | null = null;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;

  @Property({ type: 'timestamptz', length: 3 })
  updatedAt!: Date;
}
