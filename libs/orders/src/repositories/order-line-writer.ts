import type { EntityManager } from '@mikro-orm/postgresql';
import type { SentLine } from '../domain/order-document';
import type { LinesPlan } from '../domain/imported-lines';
import { OrderLine } from '../entities/order-line.entity';
import type { Order } from '../entities/order.entity';
import type { LineAllocation } from '../domain/order-checkout';

/** A sent line's entity fields; a sent line replaces the stored one whole, absent fields taking their defaults. */
function lineFields(sent: SentLine, status: string) {
  return {
    position: sent.position,
    externalId: sent.externalId,
    product: sent.product,
    sku: sent.sku,
    basePricePerItem: sent.basePricePerItem,
    minPricePerItem: sent.minPricePerItem ?? 0n,
    finalPricePerItem: sent.finalPricePerItem,
    count: sent.count,
    status,
    customFields: sent.customFields ?? {},
  } satisfies Partial<OrderLine>;
}

/** A committed line's price after everything and its per-unit allocation. */
export interface CommittedLineFigures {
  finalPricePerItem: bigint;
  allocation: LineAllocation;
}

/** New lines of `order` (which must have its id), none returned yet. */
export function addOrderLines(
  em: EntityManager,
  order: Order,
  lines: readonly { sent: SentLine; status: string; committed?: CommittedLineFigures }[],
) {
  for (const line of lines) {
    em.create(OrderLine, {
      account: order.account,
      order: order.id,
      ...lineFields(line.sent, line.status),
      ...(line.committed && {
        finalPricePerItem: line.committed.finalPricePerItem,
        allocation: line.committed.allocation,
      }),
      unitsReturned: 0,
    });
  }
}

/** Applies a re-import's line plan; removed lines take their refund history with them. */
export function applyLinesPlan(em: EntityManager, order: Order, plan: LinesPlan<OrderLine>): void {
  for (const { stored, sent, status } of plan.kept) Object.assign(stored, lineFields(sent, status));
  for (const line of plan.removed) em.remove(line);
  addOrderLines(em, order, plan.added);
}
