import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { loadOrderTransactions, OrderLedgerTransaction } from '@loyalty/loyalty';
import { loadCurrencyDigitMap } from '@loyalty/market-catalog';
import { OrderRefund } from '../entities/order-refund.entity';
import type { Order } from '../entities/order.entity';
import { digitsOf, orderLines, requireOrder } from '../repositories/order-lookup';
import { orderLoyaltyView } from '../views/order-loyalty-view';
import { orderView, OrderView } from '../views/order-view';

/**
 * `market/orders/get`: the order with its lines and refund history (404 when missing or deleted);
 * for an order made by `preorder_commit` also the applied promotions, the allocation and the
 * order's transactions in the member's ledger.
 */
@Injectable()
export class GetOrder {
  constructor(private readonly em: EntityManager) {}

  async execute(externalId: string): Promise<OrderView> {
    const order = await requireOrder(this.em, externalId);
    const lines = await orderLines(this.em, order.id);
    const refunds = await this.em.find(OrderRefund, { order: order.id }, { orderBy: { id: 'asc' } });
    const digits = digitsOf(await loadCurrencyDigitMap(this.em), order.currency);
    const loyalty =
      order.origin === 'checkout' && order.checkout
        ? orderLoyaltyView(order.checkout, lines, await this.transactionsOf(order), digits)
        : null;
    return orderView(order, lines, refunds, digits, loyalty);
  }

  private async transactionsOf(order: Order): Promise<OrderLedgerTransaction[]> {
    const checkout = order.checkout;
    if (!checkout || checkout.member_id == null || checkout.transactions.length === 0) return [];
    const first = Math.min(...checkout.transactions.map((posted) => posted.transaction_id));
    return loadOrderTransactions(this.em, checkout.member_id, order.id, first);
  }
}
