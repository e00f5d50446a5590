import { addToLocalDate, DomainError, epochMsOfDate, formatDateOnly, LocalDate, localDateParts } from '@loyalty/kernel';

/** A limit's calendar period in the program's time zone; `null` is the whole lifetime. */
export type LimitPeriod = 'day' | 'week' | 'month' | 'year';

const MS_PER_DAY = 86_400_000;

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** ISO 8601 week: weeks start on Monday and belong to the year of their Thursday. */
function isoWeek(date: LocalDate & { readonly weekday: number }): { year: number; week: number } {
  const thursday = addToLocalDate(date, 4 - date.weekday, 'day');
  const dayOfYear = (epochMsOfDate(thursday) - epochMsOfDate({ year: thursday.year, month: 1, day: 1 })) / MS_PER_DAY;
  return { year: thursday.year, week: Math.floor(dayOfYear / 7) + 1 };
}

/**
 * The key of the calendar period `now` falls in, read in `zone`: unique per period and stable, so a
 * limit's counter can be keyed by it. `D2026-11-25`, `W2026-W48` (ISO week-year and week), `M2026-11`,
 * `Y2026`; `''` for a lifetime limit.
 */
export function periodKey(now: Date, period: LimitPeriod | null, zone: string): string {
  if (period === null) {
    return '';
  }
  const local = localDateParts(now, zone);
  switch (period) {
    case 'day':
      return `D${formatDateOnly(local)}`;
    case 'week': {
      const { year, week } = isoWeek(local);
      return `W${pad(year, 4)}-W${pad(week, 2)}`;
    }
    case 'month':
      return `M${pad(local.year, 4)}-${pad(local.month, 2)}`;
    case 'year':
      return `Y${pad(local.year, 4)}`;
    default:
      throw new DomainError('INTERNAL', `unknown limit period ${String(period satisfies never)}`);
  }
}
