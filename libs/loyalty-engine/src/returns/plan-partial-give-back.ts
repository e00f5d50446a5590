import { bigintMin, bigintSum, DomainError } from '@loyalty/kernel';

/** A redemption's allocation with what is not given back yet. */
export interface OpenAllocation {
  readonly allocationId: number;
  readonly lotId: number;
  /** amount − returned. */
  readonly open: bigint;
}

export interface GiveBackPart {
  readonly allocationId: number;
  readonly lotId: number;
  readonly amount: bigint;
}

/**
 * Which allocations a partial give-back of a redemption takes (a return of some units of an
 * order): the most recently spent lots first, i.e. the allocations in reverse order, each up to
 * what it has open. A redemption drains lots in spending order (earliest expiry first), so a
 * partial return gives back the longest-lived points and leaves the soonest-expiring ones spent;
 * the whole redemption given back step by step ends exactly where one full give-back would.
 * The parts are listed in allocation order. Asking more than is open is an internal error.
 */
export function planPartialGiveBack(allocations: readonly OpenAllocation[], amount: bigint): GiveBackPart[] {
  const open = bigintSum(allocations.map((allocation) => allocation.open));
  if (amount < 0n || amount > open) {
    throw new DomainError('INTERNAL', `cannot give back ${amount} of a redemption with ${open} open`);
  }
  const parts: GiveBackPart[] = [];
  let left = amount;
  for (let index = allocations.length - 1; index >= 0 && left > 0n; index--) {
    const allocation = allocations[index];
    const take = bigintMin(allocation.open, left);
    if (take <= 0n) continue;
    parts.unshift({ allocationId: allocation.allocationId, lotId: allocation.lotId, amount: take });
    left -= take;
  }
  return parts;
}
