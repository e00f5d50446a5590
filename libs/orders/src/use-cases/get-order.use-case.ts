import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { OrderRefund } from '../entities/order-refund.entity';
import { digitsOf, orderLines, requireOrder } from '../repositories/order-lookup';
import { loadCurrencyDigitMap } from '@loyalty/market-catalog';
import { orderView, OrderView } from '../views/order-view';

/** `market/orders/get`: the order with its lines and refund history (404 when missing or deleted). */
@Injectable()
export class GetOrder {
  constructor(private readonly em: EntityManager) {}

  async execute(externalId: string): Promise<OrderView> {
    const order = await requireOrder(this.em, externalId);
    const lines = await orderLines(this.em, order.id);
    const refunds = await this.em.find(OrderRefund, { order: order.id }, { orderBy: { id: 'asc' } });
    const digits = await loadCurrencyDigitMap(this.em);
    return orderView(order, lines, refunds, digitsOf(digits, order.currency));
  }
}
