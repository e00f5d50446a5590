import { DomainError } from '@loyalty/kernel';
import { Balance, CachedBalance, netBalance } from './account-balance';
import { isActiveAt, Lot } from './lot';
import { planSettlement } from './plan-settlement';
import { TemporaryTransaction } from './temporary-transaction';

/**
 * The cached balance as it must be once `planSettlement(lots, temporaries, now)` has been carried
 * out: applies to the cache exactly the transitions that plan holds.
 * - activation: the lot's remaining moves pending → active;
 * - expiry: the lot's remaining leaves active (pending if it was never activated);
 * - timed-out temporary accrual: its amount leaves pending;
 * - timed-out temporary redemption: its amount leaves held; the parts whose lot is still valid come
 *   back where that lot counts (active), the parts whose lot expired vanish.
 * `lots` may be all lots or just those due (see `planSettlement`); `temporaries` all stored
 * temporaries or just the timed-out ones: the answer is the same.
 */
export function projectCachedBalance(
  cached: CachedBalance,
  lots: readonly Lot[],
  temporaries: readonly TemporaryTransaction[],
  now: Date,
): CachedBalance {
  const byId = new Map(lots.map((lot) => [lot.id, lot]));
  const lotOf = (lotId: number): Lot => {
    const lot = byId.get(lotId);
    if (lot === undefined) {
      throw new DomainError('INTERNAL', `lot ${lotId} not given`);
    }
    return lot;
  };
  const plan = planSettlement(lots, temporaries, now);
  let { active, pending, held } = cached;
  for (const lotId of plan.activate) {
    const { remaining } = lotOf(lotId);
    active += remaining;
    pending -= remaining;
  }
  for (const { lotId, amount } of plan.expire) {
    if (lotOf(lotId).activated) {
      active -= amount;
    } else {
      pending -= amount;
    }
  }
  for (const timeout of plan.timeouts) {
    if (timeout.kind === 'accrual') {
      pending -= timeout.amount;
      continue;
    }
    held -= timeout.amount;
    for (const { lotId, amount } of timeout.restore) {
      if (isActiveAt(lotOf(lotId), now)) {
        active += amount;
      } else {
        pending += amount;
      }
    }
  }
  return { active, pending, held, debt: cached.debt };
}

/**
 * The balance at `now` read from the cached balance without waiting for the worker (net of debt):
 * `projectCachedBalance`, then `netBalance`. Same inputs, same rules.
 */
export function projectBalance(
  cached: CachedBalance,
  lots: readonly Lot[],
  temporaries: readonly TemporaryTransaction[],
  now: Date,
): Balance {
  return netBalance(projectCachedBalance(cached, lots, temporaries, now));
}
