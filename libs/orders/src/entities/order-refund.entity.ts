import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { pointsType } from './points-type';
import { moneyType, Order } from './order.entity';
import { OrderLine } from './order-line.entity';

/** One entry of an order's refund history: units of a line canceled or refunded by one call. */
@Entity({ tableName: 'order_refunds' })
export class OrderRefund {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @ManyToOne(() => Order, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  order!: number;

  @ManyToOne(() => OrderLine, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  line!: number;

  @Property({ type: 'text' })
  status!: string;

  @Property({ type: 'text' })
  effect!: 'canceled' | 'refunded';

  @Property({ type: 'integer' })
  units!: number;

  @Property({ type: moneyType })
  moneyToRefund!: bigint;

  @Property({ type: pointsType })
  pointsReturned!: bigint;

  @Property({ type: pointsType })
  pointsCancelled!: bigint;

  @Property({ type: moneyType })
  discountClawedBack!: bigint;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;
}
