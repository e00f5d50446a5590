import { bigintSum, DomainError } from '@loyalty/kernel';
import { LotAllocation } from './lot-allocation';

export type TemporaryKind = 'accrual' | 'redemption';

/**
 * A transaction whose stored status is still `temporary`. An accrual counts in `pending` until it is
 * committed (a lot is created) or rolled back; a redemption holds the points it took out of its lots
 * (`allocations`, summing to `amount`) until it is committed (they stay drained) or released.
 */
export interface TemporaryTransaction {
  readonly transactionId: number;
  readonly kind: TemporaryKind;
  readonly amount: bigint;
  /** At this instant (inclusive) the transaction times out and holds or pends nothing. */
  readonly deadline: Date;
  /** Redemptions only: the lots the held points were taken from. */
  readonly allocations?: readonly LotAllocation[];
}

export function isTimedOutAt(temporary: TemporaryTransaction, now: Date): boolean {
  return temporary.deadline.getTime() <= now.getTime();
}

/** What a released temporary gives back to lots: a redemption's allocations, nothing for an accrual. */
export function heldAllocations(temporary: TemporaryTransaction): readonly LotAllocation[] {
  if (temporary.kind === 'accrual') {
    return [];
  }
  const allocations = temporary.allocations;
  if (allocations === undefined || bigintSum(allocations.map((part) => part.amount)) !== temporary.amount) {
    throw new DomainError(
      'INTERNAL',
      `temporary redemption ${temporary.transactionId}: allocations must sum to its amount ${temporary.amount}`,
    );
  }
  return allocations;
}
