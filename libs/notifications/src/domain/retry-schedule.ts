/** The first retry waits 10 s; each further one twice as long (spec/api.md §9). */
export const FIRST_RETRY_DELAY_MS = 10_000;
/** Retries stop when the next one would fall later than this after the first attempt; the delivery is then dead. */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** A 2xx must arrive within this; otherwise the attempt failed. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** A `sending` delivery claimed longer ago than this belongs to a worker that died; it may be taken over. */
export const DELIVERY_LEASE_MS = 30_000;
/** At most this many attempts of one hook are in flight at once, so one slow endpoint holds few worker slots. */
export const MAX_IN_FLIGHT_PER_HOOK = 4;

/**
 * When to try again after a failed attempt, or null when the delivery is dead: the delay is
 * 10 s × 2ⁿ with n the attempts before the failed one (10 s, 20 s, 40 s, ...), and no retry is
 * scheduled later than 24 h after the first attempt.
 */
export function nextAttemptAfterFailure(input: {
  attempts: number;
  attemptAt: Date;
  firstAttemptAt: Date;
}): Date | null {
  const delay = FIRST_RETRY_DELAY_MS * 2 ** Math.max(0, input.attempts - 1);
  const next = new Date(input.attemptAt.getTime() + delay);
  return next.getTime() - input.firstAttemptAt.getTime() > RETRY_WINDOW_MS ? null : next;
}
