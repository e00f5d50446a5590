import { allocateWithCaps, bigintMax, bigintMin, bigintSum } from '@loyalty/kernel';
import { DiscountEffect } from './pricing-types';
import { DiscountState } from './discount-state';
import { DISCOUNT_KINDS } from './effects/discount-registry';
import { Slot } from './slots';

/** The smaller of two optional caps. */
function tighter(a: bigint | null, b: bigint | null): bigint | null {
  return a === null ? b : b === null ? a : bigintMin(a, b);
}

/**
 * Applies one promotion's discount to its slots at their running amounts and returns what each
 * slot got. An order discount is split over the slots by their running amounts (largest
 * remainder); a slot's part never passes its room (floor, percent cap), and what a full slot could
 * not take moves to the others. `max_discount` and what is left of the budget cap the total, which
 * is then split again over the slots the same way (spec rules.md §4, §9).
 */
export function applyDiscountStep(
  effect: DiscountEffect,
  slots: readonly Slot[],
  state: DiscountState,
  budgetLeft: bigint | null,
): bigint[] {
  const running = slots.map((slot) => state.runningOf(slot));
  const rooms = slots.map((slot) => state.roomOf(slot));
  const demand = DISCOUNT_KINDS.get(effect.kind).demand(
    effect,
    slots.map((slot, index) => ({ running: running[index], count: state.countOf(slot) })),
    effect.target,
  );
  let parts =
    'split' in demand
      ? allocateWithCaps(bigintMin(bigintMax(demand.split, 0n), bigintSum(rooms)), running, rooms)
      : demand.each.map((amount, index) => bigintMin(bigintMax(amount, 0n), rooms[index]));
  const cap = tighter(effect.maxDiscount, budgetLeft === null ? null : bigintMax(budgetLeft, 0n));
  if (cap !== null && bigintSum(parts) > cap) {
    parts = allocateWithCaps(cap, running, parts);
  }
  slots.forEach((slot, index) => state.take(slot, parts[index]));
  return parts;
}
