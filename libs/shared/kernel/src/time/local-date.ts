import { DomainError } from '../errors/domain-error';

/** A calendar date with no zone: month 1..12, day 1..31. */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** ISO weekday: 1 = Monday .. 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type CalendarUnit = 'day' | 'month' | 'year';

const MS_PER_DAY = 86_400_000;
const DATE_ONLY = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Years 1..9999, the range RFC 3339 writes with four digits. */
export function isValidLocalDate(date: LocalDate): boolean {
  const { year, month, day } = date;
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** `"2026-01-25"` → `{year: 2026, month: 1, day: 25}`; a date that does not exist (`2026-02-30`) is refused. */
export function parseDateOnly(text: string, path = 'date'): LocalDate {
  const match = DATE_ONLY.exec(text);
  const date = match && { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (date === null || !isValidLocalDate(date)) {
    throw DomainError.invalid(path, 'must be a date such as "2026-01-25"');
  }
  return date;
}

export function formatDateOnly(date: LocalDate): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Milliseconds from the epoch to midnight UTC of the date; `Date.UTC` would read years 0..99 as 1900..1999. */
export function epochMsOfDate(date: LocalDate): number {
  const midnight = new Date(0);
  midnight.setUTCFullYear(date.year, date.month - 1, date.day);
  return midnight.getTime();
}

function dateOfEpochMs(ms: number): LocalDate {
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function isoWeekday(date: LocalDate): IsoWeekday {
  return (((new Date(epochMsOfDate(date)).getUTCDay() + 6) % 7) + 1) as IsoWeekday;
}

/**
 * Calendar arithmetic on a date. Months and years keep the day of the month and clamp it to the
 * target month's last day: 31 Jan + 1 month → 28 Feb (29 in a leap year); 29 Feb + 1 year → 28 Feb.
 */
export function addToLocalDate(date: LocalDate, amount: number, unit: CalendarUnit): LocalDate {
  if (!Number.isSafeInteger(amount)) {
    throw new DomainError('INTERNAL', `calendar amount must be an integer, got ${amount}`);
  }
  if (unit === 'day') {
    return dateOfEpochMs(epochMsOfDate(date) + amount * MS_PER_DAY);
  }
  const months = date.year * 12 + (date.month - 1) + (unit === 'year' ? amount * 12 : amount);
  const year = Math.floor(months / 12);
  const month = months - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}
