import { standaloneBenefit } from './benefit';
import { Candidate } from './candidates';
import { DiscountState } from './discount-state';
import { applyDiscountStep } from './discount-step';
import { PricingInput } from './pricing-types';
import { Slot } from './slots';

/** One candidate as it acts on the cart: the slots it got and the discount on each (0 for points promotions). */
export interface ArbitrationStep {
  readonly candidate: Candidate;
  readonly slots: readonly Slot[];
  readonly discounts: readonly bigint[];
}

export interface Arbitration {
  /** In the order the promotions act (the order discounts stack in). */
  readonly steps: readonly ArbitrationStep[];
  /** Promotions kept off at least one of their slots by an exclusive one. */
  readonly excluded: ReadonlySet<number>;
}

function act(candidate: Candidate, slots: readonly Slot[], state: DiscountState): ArbitrationStep {
  const { discount, limits } = candidate.promotion;
  const discounts =
    discount === null ? slots.map(() => 0n) : applyDiscountStep(discount, slots, state, limits.budgetLeft);
  return { candidate, slots, discounts };
}

/** Whether the step counts as having applied on its slot at `index` (a points promotion always does). */
function tookSlot(step: ArbitrationStep, index: number): boolean {
  return step.candidate.promotion.type === 'points' || step.discounts[index] > 0n;
}

/**
 * `mode: "priority"`: walk the candidates in order. An exclusive promotion acts on a slot only if
 * no promotion has acted there yet, and then closes the slot to every later one; combinable ones
 * stack. A discount has acted on a slot when it took something off it; a points promotion when it
 * got the slot (its points are known only after redemption).
 */
function byPriority(candidates: readonly Candidate[], state: DiscountState): Arbitration {
  const occupied = new Set<Slot>();
  const closed = new Set<Slot>();
  const excluded = new Set<number>();
  const steps = candidates.map((candidate) => {
    const exclusive = candidate.promotion.stacking === 'exclusive';
    const open = candidate.slots.filter((slot) => !closed.has(slot) && !(exclusive && occupied.has(slot)));
    if (open.length < candidate.slots.length) {
      excluded.add(candidate.promotion.id);
    }
    const step = act(candidate, open, state);
    open.forEach((slot, index) => {
      if (tookSlot(step, index)) {
        occupied.add(slot);
        if (exclusive) {
          closed.add(slot);
        }
      }
    });
    return step;
  });
  return { steps, excluded };
}

/**
 * `mode: "best_for_customer"`: on each slot, the exclusive promotion with the largest standalone
 * benefit wins (ties to the earlier in arbitration order: higher priority, then lower id); the
 * winners act first, then every combinable promotion in order.
 */
function bestForCustomer(candidates: readonly Candidate[], state: DiscountState, input: PricingInput): Arbitration {
  const exclusives = candidates.filter((candidate) => candidate.promotion.stacking === 'exclusive');
  const winners = new Map<Slot, { candidate: Candidate; benefit: bigint }>();
  for (const candidate of exclusives) {
    const benefits = standaloneBenefit(candidate, input);
    candidate.slots.forEach((slot, index) => {
      const benefit = benefits[index];
      const best = winners.get(slot);
      if (benefit > 0n && (best === undefined || benefit > best.benefit)) {
        winners.set(slot, { candidate, benefit });
      }
    });
  }
  const excluded = new Set<number>();
  const exclusiveSteps = exclusives.map((candidate) => {
    const won = candidate.slots.filter((slot) => winners.get(slot)?.candidate === candidate);
    if (candidate.slots.some((slot) => winners.has(slot) && winners.get(slot)?.candidate !== candidate)) {
      excluded.add(candidate.promotion.id);
    }
    return act(candidate, won, state);
  });
  const combinableSteps = candidates
    .filter((candidate) => candidate.promotion.stacking !== 'exclusive')
    .map((candidate) => act(candidate, candidate.slots, state));
  return { steps: [...exclusiveSteps, ...combinableSteps], excluded };
}

/** Step 3 of spec rules.md §4: which candidate acts where, applying the discounts to `state` as it goes. */
export function arbitrate(input: PricingInput, candidates: readonly Candidate[], state: DiscountState): Arbitration {
  return input.program.arbitration.mode === 'best_for_customer'
    ? bestForCustomer(candidates, state, input)
    : byPriority(candidates, state);
}
