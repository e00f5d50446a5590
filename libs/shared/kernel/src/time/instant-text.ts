import { DomainError } from '../errors/domain-error';
import { epochMsOfDate, isValidLocalDate, parseDateOnly } from './local-date';
import { endOfLocalDate, startOfLocalDate, zonedDateTimeToInstant } from './zoned-time';

/**
 * Instants as the API reads and writes them (spec api.md "Time"): RFC 3339 with an offset, or a
 * date alone read in a zone as the start or the end of that day.
 */

const DATE_TIME =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?([Zz]|[+-][0-9]{2}:[0-9]{2})?$/;
const LEGACY_DATE_TIME = /^([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})$/;
const DATE_ONLY_SHAPE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/** Which end of a day a date alone stands for: `*_from`/`start_date` → start, `*_to`/`end_date`/`expiration_date` → end. */
export type DayEdge = 'start' | 'end';

function invalidDateTime(path: string): DomainError {
  return DomainError.invalid(path, 'must be an RFC 3339 date-time with offset such as "2026-03-30T21:59:59.999Z"');
}

/**
 * Reads an RFC 3339 date-time that carries an offset (`Z` or `±hh:mm`). Fractions beyond
 * milliseconds are truncated (`.123456` → `.123`); a leap second (`:60`) is refused, and so is a
 * date-time without an offset, which names no instant.
 */
export function parseRfc3339(text: string, path = 'date'): Date {
  const match = DATE_TIME.exec(text);
  if (match === null) {
    throw invalidDateTime(path);
  }
  const [, year, month, day, hour, minute, second, fraction = '', offset] = match;
  if (offset === undefined) {
    throw DomainError.invalid(path, 'must have a time zone offset (Z or ±hh:mm)');
  }
  const date = { year: Number(year), month: Number(month), day: Number(day) };
  const [h, m, s] = [Number(hour), Number(minute), Number(second)];
  if (!isValidLocalDate(date) || h > 23 || m > 59 || s > 59) {
    throw invalidDateTime(path);
  }
  let offsetMinutes = 0;
  if (offset.toUpperCase() !== 'Z') {
    const [offsetHours, offsetMins] = [Number(offset.slice(1, 3)), Number(offset.slice(4, 6))];
    if (offsetHours > 23 || offsetMins > 59) {
      throw invalidDateTime(path);
    }
    offsetMinutes = (offset.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const millisecond = Number(fraction.padEnd(3, '0').slice(0, 3));
  const wall = epochMsOfDate(date) + ((h * 60 + m) * 60 + s) * 1000 + millisecond;
  return new Date(wall - offsetMinutes * 60_000);
}

/** Writes an instant in UTC with milliseconds: `2026-03-30T21:59:59.999Z`. */
export function formatRfc3339(instant: Date): string {
  if (Number.isNaN(instant.getTime())) {
    throw new DomainError('INTERNAL', 'invalid Date');
  }
  return instant.toISOString();
}

/**
 * Reads an API date field: an RFC 3339 date-time with offset, or a date alone (`"2026-01-25"`),
 * which means the start or the end (23:59:59.999) of that day in `zone`.
 */
export function parseInstantOrDate(text: string, zone: string, edge: DayEdge, path = 'date'): Date {
  if (!DATE_ONLY_SHAPE.test(text)) {
    return parseRfc3339(text, path);
  }
  const date = parseDateOnly(text, path);
  return edge === 'start' ? startOfLocalDate(date, zone) : endOfLocalDate(date, zone);
}

/** Reads an old-style order time without offset (`"2006-01-25 15:04:05"`) as wall-clock time in `zone`. */
export function parseLegacyLocalDateTime(text: string, zone: string, path = 'date'): Date {
  const match = LEGACY_DATE_TIME.exec(text);
  if (match === null) {
    throw DomainError.invalid(path, 'must be a date and time such as "2006-01-25 15:04:05"');
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const local = { year, month, day, hour, minute, second };
  if (!isValidLocalDate(local) || hour > 23 || minute > 59 || second > 59) {
    throw DomainError.invalid(path, 'must be a date and time such as "2006-01-25 15:04:05"');
  }
  return zonedDateTimeToInstant(local, zone);
}
