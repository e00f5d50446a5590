import { DomainError } from '../errors/domain-error';
import {
  addToLocalDate,
  CalendarUnit,
  epochMsOfDate,
  isoWeekday,
  IsoWeekday,
  isValidLocalDate,
  LocalDate,
} from './local-date';

/**
 * Time-zone maths on `Date` instants and IANA zone names, through `Intl.DateTimeFormat` (Node 20
 * has no Temporal). Rules where a wall-clock time is not one instant:
 * - a local time inside a spring-forward gap does not exist; it is moved forward by the gap
 *   (02:30 on the day Berlin jumps from 02:00 to 03:00 is 03:30 CEST);
 * - a local time inside a fall-back overlap happens twice; the earlier instant is taken.
 */

/** A wall-clock reading: hour 0..23, minute 0..59, second 0..59, millisecond 0..999. */
export interface LocalDateTime extends LocalDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

/** A wall-clock reading with its weekday, as `localDateParts` returns it. */
export interface LocalDateParts extends LocalDateTime {
  readonly weekday: IsoWeekday;
}

/** A wall-clock reading where the time fields default to 0 (midnight). */
export type LocalDateTimeInput = LocalDate & Partial<Omit<LocalDateTime, keyof LocalDate>>;

const MS_PER_DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw DomainError.invalid('timezone', `unknown time zone "${zone}"`);
    }
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** True for a zone name `Intl` knows (`Europe/Berlin`, `UTC`; case-insensitive); false for offsets like `+03:00`. */
export function isValidTimeZone(name: string): boolean {
  if (typeof name !== 'string' || name === '') {
    return false;
  }
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** The zone's canonical spelling (`europe/berlin` → `Europe/Berlin`), or a validation error naming `path`. */
export function requireTimeZone(name: string, path = 'timezone'): string {
  if (!isValidTimeZone(name)) {
    throw DomainError.invalid(path, `unknown time zone "${name}"`);
  }
  return formatterFor(name).resolvedOptions().timeZone;
}

function timeOf(instant: Date): number {
  const time = instant.getTime();
  if (Number.isNaN(time)) {
    throw new DomainError('INTERNAL', 'invalid Date');
  }
  return time;
}

/** The epoch milliseconds a wall-clock reading would have if the zone were UTC. */
function wallClockMs(local: LocalDateTime): number {
  return epochMsOfDate(local) + ((local.hour * 60 + local.minute) * 60 + local.second) * 1000 + local.millisecond;
}

function wallClockAt(time: number, zone: string): LocalDateTime {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(time))) {
    fields[part.type] = Number(part.value);
  }
  return {
    year: fields['year'] ?? 0,
    month: fields['month'] ?? 0,
    day: fields['day'] ?? 0,
    hour: fields['hour'] ?? 0,
    minute: fields['minute'] ?? 0,
    second: fields['second'] ?? 0,
    millisecond: time - Math.floor(time / 1000) * 1000,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (+3 h for Moscow). */
function offsetAt(time: number, zone: string): number {
  const local = wallClockAt(time, zone);
  return wallClockMs(local) - time;
}

/** The wall-clock reading of an instant in a zone, with its ISO weekday. */
export function localDateParts(instant: Date, zone: string): LocalDateParts {
  const local = wallClockAt(timeOf(instant), zone);
  return { ...local, weekday: isoWeekday(local) };
}

function completeLocalDateTime(input: LocalDateTimeInput): LocalDateTime {
  const local = {
    year: input.year,
    month: input.month,
    day: input.day,
    hour: input.hour ?? 0,
    minute: input.minute ?? 0,
    second: input.second ?? 0,
    millisecond: input.millisecond ?? 0,
  };
  const inRange = (value: number, max: number) => Number.isInteger(value) && value >= 0 && value <= max;
  if (
    !isValidLocalDate(local) ||
    !inRange(local.hour, 23) ||
    !inRange(local.minute, 59) ||
    !inRange(local.second, 59) ||
    !inRange(local.millisecond, 999)
  ) {
    throw DomainError.invalid('date', 'not a valid date and time');
  }
  return local;
}

/**
 * The instant a wall-clock reading names in a zone. A time in a spring-forward gap is moved
 * forward by the gap; a time in a fall-back overlap resolves to the earlier of its two instants.
 */
export function zonedDateTimeToInstant(input: LocalDateTimeInput, zone: string): Date {
  const wall = wallClockMs(completeLocalDateTime(input));
  // Every offset in force within a day of the reading; a zone changes offset at most once in that span.
  const offsets = [...new Set([-MS_PER_DAY, 0, MS_PER_DAY].map((shift) => offsetAt(wall + shift, zone)))];
  const matching = offsets.filter((offset) => offsetAt(wall - offset, zone) === offset);
  if (matching.length > 0) {
    return new Date(wall - Math.max(...matching));
  }
  // In a gap: read the time with the offset from before the jump, which lands the gap's length later.
  return new Date(wall - Math.min(...offsets));
}

/** The first instant of a local date in a zone (midnight, or the end of a gap that swallows midnight). */
export function startOfLocalDate(date: LocalDate, zone: string): Date {
  return zonedDateTimeToInstant({ year: date.year, month: date.month, day: date.day }, zone);
}

/**
 * The last millisecond of a local date in a zone: 23:59:59.999 local, computed as the next day's
 * start minus 1 ms, so it stays right on days that are 23 or 25 hours long.
 */
export function endOfLocalDate(date: LocalDate, zone: string): Date {
  return new Date(startOfLocalDate(addToLocalDate(date, 1, 'day'), zone).getTime() - 1);
}

export function startOfLocalDay(instant: Date, zone: string): Date {
  return startOfLocalDate(localDateParts(instant, zone), zone);
}

export function endOfLocalDay(instant: Date, zone: string): Date {
  return endOfLocalDate(localDateParts(instant, zone), zone);
}

function addCalendar(instant: Date, amount: number, unit: CalendarUnit, zone: string): Date {
  const local = localDateParts(instant, zone);
  const { hour, minute, second, millisecond } = local;
  return zonedDateTimeToInstant({ ...addToLocalDate(local, amount, unit), hour, minute, second, millisecond }, zone);
}

/** Moves `days` calendar days in the zone, keeping the local wall-clock time (so a DST day is 23 or 25 h). */
export function addDays(instant: Date, days: number, zone: string): Date {
  return addCalendar(instant, days, 'day', zone);
}

/** Moves `months` in the zone, keeping the wall-clock time and clamping the day: 31 Jan + 1 → 28/29 Feb. */
export function addMonths(instant: Date, months: number, zone: string): Date {
  return addCalendar(instant, months, 'month', zone);
}

/** Moves `years` in the zone, keeping the wall-clock time; 29 Feb + 1 year → 28 Feb. */
export function addYears(instant: Date, years: number, zone: string): Date {
  return addCalendar(instant, years, 'year', zone);
}
