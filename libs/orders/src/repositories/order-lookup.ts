import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, MinorDigits } from '@loyalty/kernel';
import { MarketCurrency } from '@loyalty/market-catalog';
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

/** The minor digits of the account's currencies named by `codes` (orders can only name existing ones). */
export async function currencyDigits(em: EntityManager, codes: string[]): Promise<Map<string, MinorDigits>> {
  if (codes.length === 0) return new Map();
  const currencies = await em.find(MarketCurrency, { code: { $in: [...new Set(codes)] } });
  return new Map(currencies.map((currency) => [currency.code, currency.minorDigits]));
}

export function digitsOf(digits: ReadonlyMap<string, MinorDigits>, code: string): MinorDigits {
  const found = digits.get(code);
  if (found === undefined) throw new DomainError('INTERNAL', `The account has no currency ${code}`);
  return found;
}
