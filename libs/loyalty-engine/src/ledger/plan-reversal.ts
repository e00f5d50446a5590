import { bigintMin, DomainError } from '@loyalty/kernel';
import { isExpiredAt, Lot } from './lot';
import { LotAllocation } from './lot-allocation';
import { planRedemption } from './plan-redemption';

export interface ReversalPlan {
  /** Taken out of the reversed accrual's own lot. */
  readonly fromReversedLot: bigint;
  /** Taken from other active lots, in spending order. */
  readonly fromOtherLots: LotAllocation[];
  /** Still missing, owed by the member (currencies that allow negative balances). */
  readonly debt: bigint;
  /** Still missing, given up (currencies that do not allow negative balances). */
  readonly uncollected: bigint;
}

/**
 * Reversing `amount` of a posted accrual (its cancellation) at `now`: the reversed lot's remaining
 * first, whether the lot is active or still pending; then other active lots in spending order;
 * what is still missing becomes `debt` if `allowNegative`, otherwise `uncollected`.
 * fromReversedLot + Σ fromOtherLots + debt + uncollected = amount.
 * A reversed lot already past its expiry gives nothing: its remaining has left the balance through
 * the expiry, and taking it again would remove those points twice. Points held from it by a
 * temporary redemption are not in its remaining and are not touched.
 */
export function planReversal(
  reversedLot: Lot,
  otherLots: readonly Lot[],
  amount: bigint,
  now: Date,
  allowNegative: boolean,
): ReversalPlan {
  if (amount <= 0n) {
    throw new DomainError('INTERNAL', `reversal amount must be positive, got ${amount}`);
  }
  const fromReversedLot = isExpiredAt(reversedLot, now) ? 0n : bigintMin(reversedLot.remaining, amount);
  let missing = amount - fromReversedLot;
  let fromOtherLots: LotAllocation[] = [];
  if (missing > 0n) {
    const others = otherLots.filter((lot) => lot.id !== reversedLot.id);
    const plan = planRedemption(others, missing, now);
    fromOtherLots = plan.allocations;
    missing = plan.shortfall;
  }
  return {
    fromReversedLot,
    fromOtherLots,
    debt: allowNegative ? missing : 0n,
    uncollected: allowNegative ? 0n : missing,
  };
}
