import { DomainError, parseRfc3339 } from '@loyalty/kernel';
import type { ArgsProblem } from '../../node/scenario-node';

export const MAX_WAIT_SECONDS = 31_536_000;

export type WaitArgs = {
  seconds?: number;
  until?: string;
};

/** Exactly one of `seconds` (a whole number 1..31,536,000) and `until` (RFC 3339 with an offset). */
export function waitArgsProblems(args: WaitArgs): ArgsProblem[] {
  const hasSeconds = args.seconds !== undefined;
  const hasUntil = args.until !== undefined;
  if (hasSeconds === hasUntil) return [{ path: 'seconds', message: 'exactly one of seconds and until is required' }];
  if (hasSeconds) {
    const seconds = args.seconds as number;
    return Number.isInteger(seconds) && seconds >= 1 && seconds <= MAX_WAIT_SECONDS
      ? []
      : [{ path: 'seconds', message: `must be a whole number from 1 to ${MAX_WAIT_SECONDS}` }];
  }
  try {
    parseRfc3339(String(args.until), 'until');
    return [];
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return [{ path: 'until', message: error.details.fields?.[0]?.message ?? error.message }];
  }
}

/** When the run wakes: `seconds` after `now`, or `until` (at once when it has passed). */
export function wakeTime(args: WaitArgs, now: Date): Date {
  if (args.seconds !== undefined) return new Date(now.getTime() + args.seconds * 1000);
  const until = parseRfc3339(String(args.until), 'until');
  return until > now ? until : now;
}
