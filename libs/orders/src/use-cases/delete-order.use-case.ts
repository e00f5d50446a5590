import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError } from '@loyalty/kernel';
import { CLOCK, recordAudit } from '@loyalty/platform';
import { digitsOf, lockOrderKey, requireOrder } from '../repositories/order-lookup';
import { loadCurrencyDigitMap } from '@loyalty/market-catalog';
import { orderSummaryView } from '../views/order-view';

/**
 * `market/orders/delete`: a soft delete; the order answers 404 from then on. An order made by
 * `preorder_commit` must be canceled first (error 13), so its points are settled.
 */
@Injectable()
export class DeleteOrder {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(externalId: string): Promise<{ orderId: number; externalId: string }> {
    return this.em.transactional(async (em) => {
      await lockOrderKey(em, externalId);
      const order = await requireOrder(em, externalId);
      if (order.origin === 'checkout' && order.status !== 'canceled') {
        throw new DomainError(
          'TRANSACTION_STATE',
          `Order "${externalId}" was committed at checkout and is "${order.status}"; cancel it before deleting it`,
          { status: order.status },
        );
      }
      const before = orderSummaryView(order, digitsOf(await loadCurrencyDigitMap(em), order.currency));
      const now = this.clock.now();
      Object.assign(order, { deletedAt: now, updatedAt: now });
      recordAudit(em, this.clock, { entityType: 'order', entityId: order.id, action: 'delete', before });
      await em.flush();
      return { orderId: order.id, externalId: order.externalId };
    });
  }
}
