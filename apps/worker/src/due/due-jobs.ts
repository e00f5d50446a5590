/** Accounts settled per database transaction: one pass locks, loads and writes this many at once. */
export const SETTLE_BATCH = 500;

/** A follow-up within the same minute waits at least this long, so a steady trickle is settled in batches. */
export const MIN_FOLLOW_UP_MS = 250;

const MINUTE_MS = 60_000;

export function minuteOf(instant: Date): number {
  return Math.floor(instant.getTime() / MINUTE_MS) * MINUTE_MS;
}

export function minuteEnd(minute: number): Date {
  return new Date(minute + MINUTE_MS);
}

/** The job of a tenant's due minute (no `:` in BullMQ ids). */
export function dueJobId(tenant: number, minute: number): string {
  return `due-${tenant}-${minute}`;
}

/** A follow-up inside a due minute, for work due later in it than the last pass. */
export function dueFollowUpJobId(tenant: number, minute: number, at: Date): string {
  return `due-${tenant}-${minute}-${at.getTime()}`;
}

export function noticesJobId(programId: number, localDate: string): string {
  return `notices-${programId}-${localDate}`;
}
