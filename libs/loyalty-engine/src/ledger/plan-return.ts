import { DomainError } from '@loyalty/kernel';
import { isExpiredAt, Lot } from './lot';
import { LotAllocation, sumByLot } from './lot-allocation';

export interface ReturnPlan {
  /** Parts that go back into their lot's remaining and count again (with the lot's original expiry). */
  readonly restore: LotAllocation[];
  /**
   * Parts whose lot is past its expiry at `now`: they go back to that lot only to expire at once
   * (report an expiration of this amount); the lot's remaining does not grow.
   */
  readonly expireAtOnce: LotAllocation[];
}

/**
 * Giving back what a redemption took (cancel, refund, release of a hold): every allocation returns
 * to the same lot, in the allocations' order; each lands in exactly one of `restore` / `expireAtOnce`.
 * Every allocated lot must be among `lots`, and a lot can never get back more than was taken from it
 * (remaining + returned ≤ amount).
 */
export function planReturn(allocations: readonly LotAllocation[], lots: readonly Lot[], now: Date): ReturnPlan {
  const byId = new Map(lots.map((lot) => [lot.id, lot]));
  for (const [lotId, returned] of sumByLot(allocations)) {
    const lot = byId.get(lotId);
    if (lot === undefined) {
      throw new DomainError('INTERNAL', `cannot return points to lot ${lotId}: lot not given`);
    }
    if (lot.remaining + returned > lot.amount) {
      throw new DomainError('INTERNAL', `returning ${returned} to lot ${lotId} would exceed its amount ${lot.amount}`);
    }
  }
  const restore: LotAllocation[] = [];
  const expireAtOnce: LotAllocation[] = [];
  for (const { lotId, amount } of allocations) {
    if (amount === 0n) {
      continue;
    }
    const expired = isExpiredAt(byId.get(lotId) as Lot, now);
    (expired ? expireAtOnce : restore).push({ lotId, amount });
  }
  return { restore, expireAtOnce };
}
