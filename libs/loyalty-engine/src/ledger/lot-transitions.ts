/** The part of an account's cached balance that lot transitions move (see `CachedBalance`). */
export interface MovableBalance {
  active: bigint;
  pending: bigint;
  debt: bigint;
}

/** The part of a lot that its transitions change. */
export interface TransitioningLot {
  remaining: bigint;
  activated: boolean;
  expired: boolean;
}

/**
 * A due activation: the lot's remaining leaves `pending`; points owed are paid from it first and
 * the rest becomes `active`. Returns what left pending and how much of it paid debt.
 */
export function activateLot(account: MovableBalance, lot: TransitioningLot): { amount: bigint; debtPaid: bigint } {
  const amount = lot.remaining;
  const debtPaid = account.debt < amount ? account.debt : amount;
  lot.activated = true;
  lot.remaining -= debtPaid;
  account.pending -= amount;
  account.debt -= debtPaid;
  account.active += lot.remaining;
  return { amount, debtPaid };
}

/**
 * A due expiry: the lot's remaining leaves `active` (or `pending`, when it never activated) and
 * the lot is closed. Returns the points that expired (0 for a lot already expired or empty).
 */
export function expireLot(account: MovableBalance, lot: TransitioningLot): bigint {
  if (lot.expired) return 0n;
  const amount = lot.remaining;
  if (lot.activated) account.active -= amount;
  else account.pending -= amount;
  lot.remaining = 0n;
  lot.expired = true;
  return amount;
}
