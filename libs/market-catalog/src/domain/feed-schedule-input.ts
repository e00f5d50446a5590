import { parseExpression } from 'cron-parser';
import { DomainError, requireTimeZone } from '@loyalty/kernel';

/** A cron pattern (5 or 6 fields) in an IANA time zone; error 1 naming the field otherwise. */
export function validateFeedSchedule(schedule: { cron: string; timezone: string }, path = 'schedule'): void {
  requireTimeZone(schedule.timezone, `${path}.timezone`);
  const fields = schedule.cron.trim().split(/\s+/).length;
  if (fields < 5 || fields > 6) throw DomainError.invalid(`${path}.cron`, 'must have 5 or 6 fields');
  try {
    parseExpression(schedule.cron, { tz: schedule.timezone });
  } catch (error) {
    throw DomainError.invalid(`${path}.cron`, `is not a cron pattern (${(error as Error).message})`);
  }
}
