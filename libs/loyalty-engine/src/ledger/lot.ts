/**
 * A lot: one accrual's points in a points account (member × currency), in hundredths of a point.
 * `activated` / `expired` say whether the worker (or a write under the member's lock) has processed
 * the lot's activation / expiry; the account row's cached balance counts the lot by these flags.
 * Reads go by the clock as well, so they stay right when the worker is late.
 */
export interface Lot {
  readonly id: number;
  readonly amount: bigint;
  /** What is left to spend, 0 ≤ remaining ≤ amount; held points are already taken out of it. */
  readonly remaining: bigint;
  readonly activationAt: Date;
  /** `null`: never expires. */
  readonly expiresAt: Date | null;
  readonly activated: boolean;
  readonly expired: boolean;
}

/**
 * Expired once its expiry was processed, or once `now` is past `expiresAt`: the expiry instant is
 * the last valid millisecond (end of day 23:59:59.999; windows include both ends).
 */
export function isExpiredAt(lot: Lot, now: Date): boolean {
  return lot.expired || (lot.expiresAt !== null && lot.expiresAt.getTime() < now.getTime());
}

/** Active: activated (processed, or `activationAt ≤ now`) and not expired. */
export function isActiveAt(lot: Lot, now: Date): boolean {
  return !isExpiredAt(lot, now) && (lot.activated || lot.activationAt.getTime() <= now.getTime());
}

/** Pending: not yet activated (`activationAt > now`) and not expired. Exactly one of active, pending, expired holds. */
export function isPendingAt(lot: Lot, now: Date): boolean {
  return !isExpiredAt(lot, now) && !isActiveAt(lot, now);
}

/**
 * True when the lot has a transition at `now` that its flags do not show yet (an activation or an
 * expiry to process): the lots `planSettlement` acts on.
 */
export function isDueForSettlementAt(lot: Lot, now: Date): boolean {
  if (lot.expired) {
    return false;
  }
  return isExpiredAt(lot, now) || (!lot.activated && isActiveAt(lot, now));
}
