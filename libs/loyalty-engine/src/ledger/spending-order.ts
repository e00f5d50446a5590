import { isActiveAt, Lot } from './lot';

/** Earlier expiry first; a lot that never expires comes after every lot that does. */
function compareExpiry(a: Lot, b: Lot): number {
  if (a.expiresAt === null || b.expiresAt === null) {
    return Number(a.expiresAt === null) - Number(b.expiresAt === null);
  }
  return a.expiresAt.getTime() - b.expiresAt.getTime();
}

/** Earliest `expiresAt` first (never-expiring last), then oldest `activationAt`, then lowest id. */
export function compareSpendingOrder(a: Lot, b: Lot): number {
  return compareExpiry(a, b) || a.activationAt.getTime() - b.activationAt.getTime() || a.id - b.id;
}

/** The lots a redemption may drain at `now` (active, remaining > 0), in spending order. */
export function spendableLots(lots: readonly Lot[], now: Date): Lot[] {
  return lots.filter((lot) => lot.remaining > 0n && isActiveAt(lot, now)).sort(compareSpendingOrder);
}
