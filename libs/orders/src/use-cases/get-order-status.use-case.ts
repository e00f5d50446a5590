import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { orderLines, requireOrder } from '../repositories/order-lookup';
import { orderStatusView, OrderStatusView } from '../views/order-status-view';

/** `market/orders/get_status`: the statuses of the order and its lines (404 when missing or deleted). */
@Injectable()
export class GetOrderStatus {
  constructor(private readonly em: EntityManager) {}

  async execute(externalId: string): Promise<OrderStatusView> {
    const order = await requireOrder(this.em, externalId);
    return orderStatusView(order, await orderLines(this.em, order.id));
  }
}
