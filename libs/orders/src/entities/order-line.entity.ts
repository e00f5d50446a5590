import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { moneyType, Order } from './order.entity';
import type { LineAllocation } from '../domain/order-checkout';

/** A line of an order; prices in the order currency's minor units. */
@Entity({ tableName: 'order_lines' })
@Unique({ properties: ['order', 'externalId'] })
export class OrderLine {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @ManyToOne(() => Order, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  order!: number;

  /** 0-based place in the order as sent. */
  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'text' })
  externalId!: string;

  @Property({ type: 'text', nullable: true })
  product: string | null = null;

  @Property({ type: 'text', nullable: true })
  sku: string | null = null;

  @Property({ type: moneyType })
  basePricePerItem!: bigint;

  @Property({ type: moneyType })
  minPricePerItem!: bigint;

  @Property({ type: moneyType, nullable: true })
  finalPricePerItem: bigint | null = null;

  @Property({ type: 'integer' })
  count!: number;

  /** A built-in line status or a custom one's external id. */
  @Property({ type: 'text' })
  status!: string;

  /** Units canceled or refunded so far (taken from the highest unit index down). */
  @Property({ type: 'integer' })
  unitsReturned!: number;

  @Property({ type: 'jsonb' })
  customFields!: Record<string, unknown>;

  /** A committed line's discount, redeemed and accrued points per unit (null for imported orders). */
  @Property({ type: 'jsonb', nullable: true })
  allocation: LineAllocation | null = null;
}
