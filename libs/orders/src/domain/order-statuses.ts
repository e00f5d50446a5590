import { DomainError } from '@loyalty/kernel';

export const ORDER_STATUSES = [
  'new',
  'processing',
  'paid',
  'delivering',
  'delivered',
  'canceled',
  'part_refunded',
  'refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * Where an order may go from each status. Staying where it is is always allowed (a repeated
 * import). `canceled` and `refunded` are final. Payment may come before or after delivery
 * (cash on delivery), and a partly refunded order can still be delivered or refunded in full.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  new: ['processing', 'paid', 'delivering', 'delivered', 'canceled'],
  processing: ['paid', 'delivering', 'delivered', 'canceled'],
  paid: ['processing', 'delivering', 'delivered', 'canceled', 'part_refunded', 'refunded'],
  delivering: ['paid', 'delivered', 'canceled', 'part_refunded', 'refunded'],
  delivered: ['paid', 'part_refunded', 'refunded'],
  part_refunded: ['delivering', 'delivered', 'part_refunded', 'refunded'],
  canceled: [],
  refunded: [],
};

export function canMoveOrder(from: OrderStatus, to: OrderStatus): boolean {
  return from === to || ORDER_TRANSITIONS[from].includes(to);
}

/** Error 13 naming both statuses when the move is impossible. */
export function assertOrderMove(from: OrderStatus, to: OrderStatus): void {
  if (!canMoveOrder(from, to)) {
    throw new DomainError('TRANSACTION_STATE', `An order cannot go from "${from}" to "${to}"`, { from, to });
  }
}

export const LINE_STATUSES = ['new', 'processing', 'delivering', 'delivered', 'canceled', 'refunded'] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

/** What a line status does to the units it names. */
export type LineEffect = 'none' | 'canceled' | 'refunded';

export function builtInLineEffect(status: LineStatus): LineEffect {
  return status === 'canceled' || status === 'refunded' ? status : 'none';
}

/**
 * Line statuses move freely among the non-returning ones; units once returned stay returned, so
 * a line whose every unit is returned accepts no status that would bring units back.
 */
export function assertLineMove(unitsReturned: number, count: number, effect: LineEffect, status: string): void {
  if (unitsReturned >= count && effect === 'none') {
    throw new DomainError('TRANSACTION_STATE', `Every unit of the line is returned; it cannot become "${status}"`, {
      status,
    });
  }
}
