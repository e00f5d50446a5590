import {
  addToLocalDate,
  DomainError,
  epochMsOfDate,
  isoWeekday,
  localDateParts,
  startOfLocalDate,
} from '@loyalty/kernel';
import fc from 'fast-check';
import { LimitPeriod, periodKey } from './period-key';

const at = (iso: string) => new Date(iso);
const keys = (iso: string, zone: string) =>
  (['day', 'week', 'month', 'year'] as const).map((period) => periodKey(at(iso), period, zone));

describe('periodKey', () => {
  it('names each calendar period', () => {
    expect(keys('2026-11-25T12:00:00Z', 'UTC')).toEqual(['D2026-11-25', 'W2026-W48', 'M2026-11', 'Y2026']);
    expect(periodKey(at('2026-11-25T12:00:00Z'), null, 'UTC')).toBe('');
  });

  it('reads the date in the program zone: midnight in Moscow is 21:00 UTC', () => {
    expect(keys('2026-11-24T20:59:59.999Z', 'Europe/Moscow')).toEqual([
      'D2026-11-24',
      'W2026-W48',
      'M2026-11',
      'Y2026',
    ]);
    expect(keys('2026-11-24T21:00:00Z', 'Europe/Moscow')[0]).toBe('D2026-11-25');
    expect(keys('2026-11-24T21:00:00Z', 'UTC')[0]).toBe('D2026-11-24');
    // Sunday 21:00 UTC is already Monday in Moscow: a new week there, not in UTC.
    expect(keys('2026-11-29T21:00:00Z', 'Europe/Moscow')).toEqual(['D2026-11-30', 'W2026-W49', 'M2026-11', 'Y2026']);
    expect(keys('2026-11-29T21:00:00Z', 'UTC')).toEqual(['D2026-11-29', 'W2026-W48', 'M2026-11', 'Y2026']);
    // New Year's Eve 21:00 UTC is New Year in Moscow.
    expect(keys('2026-12-31T21:00:00Z', 'Europe/Moscow')).toEqual(['D2027-01-01', 'W2026-W53', 'M2027-01', 'Y2027']);
    expect(keys('2026-12-31T21:00:00Z', 'UTC')).toEqual(['D2026-12-31', 'W2026-W53', 'M2026-12', 'Y2026']);
  });

  it('uses the ISO week-year around New Year', () => {
    // 2026 starts on a Thursday, so it has 53 weeks: 28 Dec 2026 .. 3 Jan 2027 is 2026-W53.
    expect(keys('2026-12-28T00:00:00Z', 'UTC')).toEqual(['D2026-12-28', 'W2026-W53', 'M2026-12', 'Y2026']);
    expect(keys('2027-01-03T23:59:59.999Z', 'UTC')).toEqual(['D2027-01-03', 'W2026-W53', 'M2027-01', 'Y2027']);
    expect(keys('2027-01-04T00:00:00Z', 'UTC')).toEqual(['D2027-01-04', 'W2027-W01', 'M2027-01', 'Y2027']);
    // ... and 29 Dec 2025 already belongs to 2026-W01.
    expect(keys('2025-12-28T23:59:59.999Z', 'UTC')[1]).toBe('W2025-W52');
    expect(keys('2025-12-29T00:00:00Z', 'UTC')).toEqual(['D2025-12-29', 'W2026-W01', 'M2025-12', 'Y2025']);
  });

  it('follows the local midnight on days with a DST switch', () => {
    // Berlin springs forward on 29 March 2026 (a 23-hour day) and falls back on 25 October (25 hours).
    expect(periodKey(at('2026-03-28T22:59:59.999Z'), 'day', 'Europe/Berlin')).toBe('D2026-03-28');
    expect(periodKey(at('2026-03-28T23:00:00Z'), 'day', 'Europe/Berlin')).toBe('D2026-03-29');
    expect(periodKey(at('2026-03-29T21:59:59.999Z'), 'day', 'Europe/Berlin')).toBe('D2026-03-29');
    expect(periodKey(at('2026-03-29T22:00:00Z'), 'day', 'Europe/Berlin')).toBe('D2026-03-30');
    expect(periodKey(at('2026-03-29T22:00:00Z'), 'week', 'Europe/Berlin')).toBe('W2026-W14');
    expect(periodKey(at('2026-10-24T21:59:59.999Z'), 'day', 'Europe/Berlin')).toBe('D2026-10-24');
    expect(periodKey(at('2026-10-24T22:00:00Z'), 'day', 'Europe/Berlin')).toBe('D2026-10-25');
    expect(periodKey(at('2026-10-25T22:59:59.999Z'), 'day', 'Europe/Berlin')).toBe('D2026-10-25');
    expect(periodKey(at('2026-10-25T23:00:00Z'), 'day', 'Europe/Berlin')).toBe('D2026-10-26');
    expect(periodKey(at('2026-03-08T04:59:59.999Z'), 'day', 'America/New_York')).toBe('D2026-03-07');
    expect(periodKey(at('2026-03-08T05:00:00Z'), 'day', 'America/New_York')).toBe('D2026-03-08');
  });

  it('refuses an unknown zone', () => {
    expect(() => periodKey(at('2026-11-25T12:00:00Z'), 'day', 'Mars/Olympus')).toThrow(DomainError);
  });

  it('gives every day of an ISO week the same key and the neighbouring days others (property)', () => {
    const zones = ['UTC', 'Europe/Moscow', 'Europe/Berlin', 'America/New_York', 'Pacific/Auckland', 'Asia/Kolkata'];
    fc.assert(
      fc.property(
        fc.date({ min: at('1990-01-01T00:00:00Z'), max: at('2090-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          const local = localDateParts(instant, zone);
          const monday = addToLocalDate(local, 1 - local.weekday, 'day');
          const dayStart = (offset: number) => startOfLocalDate(addToLocalDate(monday, offset, 'day'), zone);
          const key = (moment: Date, period: LimitPeriod) => periodKey(moment, period, zone);
          const week = key(instant, 'week');
          for (let offset = 0; offset < 7; offset += 1) {
            expect(key(dayStart(offset), 'week')).toBe(week);
          }
          expect(key(new Date(dayStart(0).getTime() - 1), 'week')).not.toBe(week);
          expect(key(dayStart(7), 'week')).not.toBe(week);
          expect(key(dayStart(local.weekday - 1), 'day')).toBe(key(instant, 'day'));
          expect(key(new Date(dayStart(local.weekday).getTime() - 1), 'day')).toBe(key(instant, 'day'));
          // ISO rule: the week belongs to the year of its Thursday, and week 1 is the one holding 4 January.
          const thursday = addToLocalDate(monday, 3, 'day');
          const january4 = { year: thursday.year, month: 1, day: 4 };
          const firstMonday = addToLocalDate(january4, 1 - isoWeekday(january4), 'day');
          const weeks = (epochMsOfDate(monday) - epochMsOfDate(firstMonday)) / (7 * 86_400_000);
          expect(week).toBe(`W${thursday.year}-W${String(weeks + 1).padStart(2, '0')}`);
          expect(key(instant, 'month')).toBe(`M${local.year}-${String(local.month).padStart(2, '0')}`);
          expect(key(instant, 'year')).toBe(`Y${local.year}`);
        },
      ),
    );
  });
});
