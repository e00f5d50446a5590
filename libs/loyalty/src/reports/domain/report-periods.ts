import {
  addToLocalDate,
  DomainError,
  epochMsOfDate,
  formatDateOnly,
  isoWeekday,
  LocalDate,
  localDateParts,
  startOfLocalDate,
} from '@loyalty/kernel';

export const REPORT_GROUPINGS = ['day', 'week', 'month'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

/** One period of a report: `[start, end]` with both ends inclusive to the millisecond. */
export interface ReportPeriod {
  /** The local date the calendar period starts on (a day, the Monday of a week, the 1st of a month). */
  label: string;
  start: Date;
  end: Date;
}

/** Periods a single report may hold (a day-by-day report of a bit more than ten years). */
export const MAX_REPORT_PERIODS = 4_000;

const QUARTER_HOUR_MS = 15 * 60_000;

function periodStartDate(date: LocalDate, grouping: ReportGrouping): LocalDate {
  if (grouping === 'day') return date;
  if (grouping === 'month') return { year: date.year, month: date.month, day: 1 };
  return addToLocalDate(date, 1 - isoWeekday(date), 'day');
}

function nextPeriodDate(date: LocalDate, grouping: ReportGrouping): LocalDate {
  if (grouping === 'day') return addToLocalDate(date, 1, 'day');
  if (grouping === 'week') return addToLocalDate(date, 7, 'day');
  return addToLocalDate(date, 1, 'month');
}

/**
 * Cuts `[from, to]` into calendar periods of the program's zone (weeks from Monday). The first and
 * last periods are clipped to the window; every other boundary is a local midnight, which always
 * falls on a UTC quarter hour (every zone's offset is a multiple of 15 minutes).
 */
export function reportPeriods(from: Date, to: Date, grouping: ReportGrouping, zone: string): ReportPeriod[] {
  if (to.getTime() < from.getTime()) throw DomainError.invalid('date_to', 'must not be before date_from');
  const parts = localDateParts(from, zone);
  let date = periodStartDate({ year: parts.year, month: parts.month, day: parts.day }, grouping);
  const periods: ReportPeriod[] = [];
  let start = from;
  for (;;) {
    const nextDate = nextPeriodDate(date, grouping);
    const nextStart = startOfLocalDate(nextDate, zone);
    const end = nextStart.getTime() - 1 > to.getTime() ? to : new Date(nextStart.getTime() - 1);
    periods.push({ label: formatDateOnly(date), start, end });
    if (end.getTime() >= to.getTime()) return periods;
    if (periods.length >= MAX_REPORT_PERIODS)
      throw DomainError.invalid(
        'date_to',
        `the window holds more than ${MAX_REPORT_PERIODS} periods; group by a longer period`,
      );
    date = nextDate;
    start = nextStart;
  }
}

/** Day of the year (1..366) of a local date. */
function dayOfYear(date: LocalDate): number {
  return Math.round((epochMsOfDate(date) - epochMsOfDate({ year: date.year, month: 1, day: 1 })) / 86_400_000) + 1;
}

/**
 * The local days of each period as runs of bits in the yearly day bitmaps (a period across New
 * Year gives two runs). Null when the window does not start and end on local day boundaries: the
 * bitmaps know days, not hours.
 */
export function periodDaySegments(
  periods: ReportPeriod[],
  zone: string,
): Array<{ period: number; year: number; from: number; length: number }> | null {
  const first = periods[0];
  const last = periods[periods.length - 1];
  const startParts = localDateParts(first.start, zone);
  const endParts = localDateParts(new Date(last.end.getTime() + 1), zone);
  const isMidnight = (parts: { hour: number; minute: number; second: number; millisecond: number }) =>
    parts.hour === 0 && parts.minute === 0 && parts.second === 0 && parts.millisecond === 0;
  if (!isMidnight(startParts) || !isMidnight(endParts)) return null;
  const segments: Array<{ period: number; year: number; from: number; length: number }> = [];
  periods.forEach((period, index) => {
    const a = localDateParts(period.start, zone);
    const b = localDateParts(period.end, zone);
    const startDate = { year: a.year, month: a.month, day: a.day };
    const endDate = { year: b.year, month: b.month, day: b.day };
    for (let year = startDate.year; year <= endDate.year; year += 1) {
      const from = year === startDate.year ? dayOfYear(startDate) : 1;
      const to = year === endDate.year ? dayOfYear(endDate) : dayOfYear({ year, month: 12, day: 31 });
      segments.push({ period: index + 1, year, from, length: to - from + 1 });
    }
  });
  return segments;
}

/** The quarter hour that holds `instant`, and the next quarter hour at or after it. */
export function floorQuarterHour(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / QUARTER_HOUR_MS) * QUARTER_HOUR_MS);
}

export function ceilQuarterHour(instant: Date): Date {
  return new Date(Math.ceil(instant.getTime() / QUARTER_HOUR_MS) * QUARTER_HOUR_MS);
}

/**
 * How a half-open span `[lo, hi)` is read: quarter hours wholly inside it come from the folded
 * buckets (and the deltas not folded yet), the ragged ends from the transactions themselves.
 */
export interface SpanPlan {
  raw: Array<[Date, Date]>;
  folded: [Date, Date] | null;
}

export function planSpan(lo: Date, hi: Date): SpanPlan {
  if (hi.getTime() <= lo.getTime()) return { raw: [], folded: null };
  const a = ceilQuarterHour(lo);
  const b = floorQuarterHour(hi);
  if (a.getTime() >= b.getTime()) return { raw: [[lo, hi]], folded: null };
  const raw: Array<[Date, Date]> = [];
  if (lo.getTime() < a.getTime()) raw.push([lo, a]);
  if (b.getTime() < hi.getTime()) raw.push([b, hi]);
  return { raw, folded: [a, b] };
}
