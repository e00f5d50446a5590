import { Balance, CachedBalance, netBalance } from './account-balance';
import { isActiveAt, isPendingAt, Lot } from './lot';
import { planReturn } from './plan-return';
import { heldAllocations, isTimedOutAt, TemporaryTransaction } from './temporary-transaction';

/**
 * The balance at `now` from scratch, by the clock: lots by `isActiveAt` / `isPendingAt` (expired
 * lots count nowhere); live temporary accruals pend and live redemptions hold; a timed-out
 * redemption's parts count again in their lot unless the lot has expired. Needs every lot of the
 * account and every transaction still stored as temporary.
 */
export function balanceFromLots(
  lots: readonly Lot[],
  temporaries: readonly TemporaryTransaction[],
  debt: bigint,
  now: Date,
): Balance {
  const byId = new Map(lots.map((lot) => [lot.id, lot]));
  let active = 0n;
  let pending = 0n;
  let held = 0n;
  const count = (lot: Lot, amount: bigint) => {
    if (isActiveAt(lot, now)) {
      active += amount;
    } else if (isPendingAt(lot, now)) {
      pending += amount;
    }
  };
  for (const lot of lots) {
    count(lot, lot.remaining);
  }
  for (const temporary of temporaries) {
    if (!isTimedOutAt(temporary, now)) {
      if (temporary.kind === 'accrual') {
        pending += temporary.amount;
      } else {
        held += temporary.amount;
      }
      continue;
    }
    for (const part of planReturn(heldAllocations(temporary), lots, now).restore) {
      count(byId.get(part.lotId) as Lot, part.amount); // planReturn checked the lot is there
    }
  }
  return netBalance({ active, pending, held, debt });
}

/**
 * What the account row must cache given the processed state: lots by their `activated` / `expired`
 * flags, every stored temporary by its kind (the invariant "the cached balance equals the sum of
 * the account's lots").
 */
export function cachedBalanceFromLots(
  lots: readonly Lot[],
  temporaries: readonly TemporaryTransaction[],
  debt: bigint,
): CachedBalance {
  let active = 0n;
  let pending = 0n;
  let held = 0n;
  for (const lot of lots) {
    if (lot.expired) {
      continue;
    }
    if (lot.activated) {
      active += lot.remaining;
    } else {
      pending += lot.remaining;
    }
  }
  for (const temporary of temporaries) {
    if (temporary.kind === 'accrual') {
      pending += temporary.amount;
    } else {
      held += temporary.amount;
    }
  }
  return { active, pending, held, debt };
}
