import { bigintMin, DomainError } from '@loyalty/kernel';
import { Lot } from './lot';
import { LotAllocation } from './lot-allocation';
import { spendableLots } from './spending-order';

export interface RedemptionPlan {
  /** In spending order, each > 0, summing to `amount - shortfall`. */
  readonly allocations: LotAllocation[];
  /** What the active lots could not cover; 0 when fully covered. */
  readonly shortfall: bigint;
}

/**
 * Which lots a redemption of `amount` drains at `now`: active lots in spending order, each as far
 * as its remaining goes. Pending and held points are never spent. Deciding what a shortfall means
 * (refusal, or debt where the currency allows it) is the caller's.
 */
export function planRedemption(lots: readonly Lot[], amount: bigint, now: Date): RedemptionPlan {
  if (amount <= 0n) {
    throw new DomainError('INTERNAL', `redemption amount must be positive, got ${amount}`);
  }
  const allocations: LotAllocation[] = [];
  let missing = amount;
  for (const lot of spendableLots(lots, now)) {
    if (missing === 0n) {
      break;
    }
    const taken = bigintMin(lot.remaining, missing);
    allocations.push({ lotId: lot.id, amount: taken });
    missing -= taken;
  }
  return { allocations, shortfall: missing };
}
