import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import { type CountedPage, findPage, PageRequest } from '@loyalty/platform';
import type { OrderStatus } from '../domain/order-statuses';
import { Order } from '../entities/order.entity';
import { digitsOf } from '../repositories/order-lookup';
import { loadCurrencyDigitMap } from '@loyalty/market-catalog';
import { orderSummaryView, OrderSummaryView } from '../views/order-view';

export interface ListOrdersFilter {
  status?: OrderStatus | null;
  profileId?: string | null;
}

/** `market/orders/list`: the account's orders that are not deleted, ascending by id, without their lines. */
@Injectable()
export class ListOrders {
  constructor(private readonly em: EntityManager) {}

  async execute(filter: ListOrdersFilter, page: PageRequest): Promise<CountedPage<OrderSummaryView>> {
    const where: FilterQuery<Order> = {
      deletedAt: null,
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.profileId ? { profileId: filter.profileId } : {}),
    };
    const result = await findPage(this.em, Order, where, page);
    const totalCount = await this.em.count(Order, where);
    const digits = await loadCurrencyDigitMap(this.em);
    return {
      items: result.items.map((order) => orderSummaryView(order, digitsOf(digits, order.currency))),
      nextFromId: result.nextFromId,
      totalCount,
    };
  }
}
