import { isDomainError } from '@loyalty/kernel';
import { assertLineMove, assertOrderMove, canMoveOrder, ORDER_STATUSES, ORDER_TRANSITIONS } from './order-statuses';

describe('order status table', () => {
  it('names every status as a key, and only known statuses as targets', () => {
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...ORDER_STATUSES].sort());
    for (const targets of Object.values(ORDER_TRANSITIONS)) {
      for (const target of targets) expect(ORDER_STATUSES).toContain(target);
    }
  });

  it('keeps canceled and refunded final', () => {
    for (const to of ORDER_STATUSES) {
      expect(canMoveOrder('canceled', to)).toBe(to === 'canceled');
      expect(canMoveOrder('refunded', to)).toBe(to === 'refunded');
    }
  });

  it('allows the usual paths: paid then delivered, and cash on delivery', () => {
    const path = (...statuses: (typeof ORDER_STATUSES)[number][]) =>
      statuses.slice(1).every((to, index) => canMoveOrder(statuses[index], to));
    expect(path('new', 'processing', 'paid', 'delivering', 'delivered', 'part_refunded', 'refunded')).toBe(true);
    expect(path('new', 'delivering', 'delivered', 'paid')).toBe(true);
    expect(path('new', 'canceled')).toBe(true);
  });

  it('refuses impossible moves', () => {
    expect(canMoveOrder('canceled', 'paid')).toBe(false);
    expect(canMoveOrder('delivered', 'new')).toBe(false);
    expect(canMoveOrder('delivered', 'canceled')).toBe(false);
    expect(canMoveOrder('paid', 'new')).toBe(false);
  });

  it('lets every status stay where it is (a repeated import)', () => {
    for (const status of ORDER_STATUSES) expect(canMoveOrder(status, status)).toBe(true);
  });

  it('answers error 13 naming both statuses', () => {
    try {
      assertOrderMove('canceled', 'paid');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(isDomainError(error) && error.code).toBe('TRANSACTION_STATE');
      expect((error as Error).message).toBe('An order cannot go from "canceled" to "paid"');
    }
    expect(() => assertOrderMove('new', 'paid')).not.toThrow();
  });

  it('refuses a non-returning status on a line whose units are all returned', () => {
    expect(() => assertLineMove(2, 2, 'none', 'delivered')).toThrow('Every unit of the line is returned');
    expect(() => assertLineMove(1, 2, 'none', 'delivered')).not.toThrow();
    expect(() => assertLineMove(2, 2, 'refunded', 'refunded')).not.toThrow();
  });
});
