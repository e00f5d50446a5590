import { DomainError } from '@loyalty/kernel';

/** A part of an amount taken from (or given back to) one lot. */
export interface LotAllocation {
  readonly lotId: number;
  readonly amount: bigint;
}

/** The allocations' amounts summed per lot, in order of first appearance; refuses negative parts. */
export function sumByLot(allocations: readonly LotAllocation[]): Map<number, bigint> {
  const sums = new Map<number, bigint>();
  for (const { lotId, amount } of allocations) {
    if (amount < 0n) {
      throw new DomainError('INTERNAL', `allocation of lot ${lotId} is negative (${amount})`);
    }
    sums.set(lotId, (sums.get(lotId) ?? 0n) + amount);
  }
  return sums;
}
