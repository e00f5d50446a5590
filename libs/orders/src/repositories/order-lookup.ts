import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, MinorDigits } from '@loyalty/kernel';
import { AccountContext, lockTransactionKey } from '@loyalty/platform';
import { OrderLine } from '../entities/order-line.entity';
import { Order } from '../entities/order.entity';

/**
 * Serialises every change of one order (by external id, so that two imports creating the same
 * order make one) until the transaction ends.
 */
export async function lockOrderKey(em: EntityManager, externalId: string): Promise<void> {
  await lockTransactionKey(em, `orders/${AccountContext.accountId()}/${externalId}`);
}

/** The method's own order: 404 when it does not exist, is deleted, or belongs to another account. */
export async function requireOrder(em: EntityManager, externalId: string): Promise<Order> {
  const order = await em.findOne(Order, { externalId, deletedAt: null });
  if (!order) throw DomainError.notFound(`Order "${externalId}"`);
  return order;
}

export function orderLines(em: EntityManager, orderId: number): Promise<OrderLine[]> {
  return em.find(OrderLine, { order: orderId }, { orderBy: { position: 'asc' } });
}

export function digitsOf(digits: ReadonlyMap<string, MinorDigits>, code: string): MinorDigits {
  const found = digits.get(code);
  if (found === undefined) throw new DomainError('INTERNAL', `The account has no currency ${code}`);
  return found;
}
