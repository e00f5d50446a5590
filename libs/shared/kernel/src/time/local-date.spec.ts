import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import {
  addToLocalDate,
  daysInMonth,
  formatDateOnly,
  isLeapYear,
  isoWeekday,
  isValidLocalDate,
  LocalDate,
  parseDateOnly,
} from './local-date';

const date = (text: string) => parseDateOnly(text);

describe('parseDateOnly / formatDateOnly', () => {
  it('reads a calendar date', () => {
    expect(parseDateOnly('2026-01-25')).toEqual({ year: 2026, month: 1, day: 25 });
    expect(parseDateOnly('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseDateOnly('0001-01-01')).toEqual({ year: 1, month: 1, day: 1 });
  });

  it.each([
    '2026-02-29',
    '2026-02-30',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-04-31',
    '0000-01-01',
    '2026-1-25',
    '26-01-25',
    '2026/01/25',
    '2026-01-25T00:00:00Z',
    ' 2026-01-25',
    '',
  ])('refuses %p', (text) => {
    expect(() => parseDateOnly(text, 'date_from')).toThrow(DomainError);
    expect(() => parseDateOnly(text, 'date_from')).toThrow('date_from: must be a date such as "2026-01-25"');
  });

  it('writes four-digit years and two-digit months and days', () => {
    expect(formatDateOnly({ year: 2026, month: 1, day: 5 })).toBe('2026-01-05');
    expect(formatDateOnly({ year: 33, month: 12, day: 31 })).toBe('0033-12-31');
  });
});

describe('calendar facts', () => {
  it('knows leap years and month lengths', () => {
    expect([1900, 2000, 2024, 2025, 2100].map(isLeapYear)).toEqual([false, true, true, false, false]);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it('gives ISO weekdays, Monday = 1 .. Sunday = 7', () => {
    expect(isoWeekday(date('2026-01-25'))).toBe(7);
    expect(isoWeekday(date('2026-01-26'))).toBe(1);
    expect(isoWeekday(date('2026-03-28'))).toBe(6);
    expect(isoWeekday(date('0001-01-01'))).toBe(1);
  });

  it('validates dates', () => {
    expect(isValidLocalDate({ year: 2026, month: 2, day: 28 })).toBe(true);
    expect(isValidLocalDate({ year: 2026, month: 2, day: 29 })).toBe(false);
    expect(isValidLocalDate({ year: 2026.5, month: 2, day: 1 })).toBe(false);
    expect(isValidLocalDate({ year: 10000, month: 1, day: 1 })).toBe(false);
  });
});

describe('addToLocalDate', () => {
  it.each([
    ['2025-01-31', 1, 'month', '2025-02-28'],
    ['2024-01-31', 1, 'month', '2024-02-29'],
    ['2025-01-30', 1, 'month', '2025-02-28'],
    ['2025-03-31', 1, 'month', '2025-04-30'],
    ['2025-03-31', -1, 'month', '2025-02-28'],
    ['2025-12-31', 1, 'month', '2026-01-31'],
    ['2025-01-15', -1, 'month', '2024-12-15'],
    ['2025-01-31', 13, 'month', '2026-02-28'],
    ['2024-02-29', 1, 'year', '2025-02-28'],
    ['2024-02-29', 4, 'year', '2028-02-29'],
    ['2024-02-29', -1, 'year', '2023-02-28'],
    ['2025-03-20', 10, 'day', '2025-03-30'],
    ['2024-02-28', 1, 'day', '2024-02-29'],
    ['2025-02-28', 1, 'day', '2025-03-01'],
    ['2025-12-31', 1, 'day', '2026-01-01'],
    ['2026-01-01', -1, 'day', '2025-12-31'],
    ['2026-01-25', 0, 'month', '2026-01-25'],
    ['2026-01-25', 365, 'day', '2027-01-25'],
  ] as const)('%s + %p %s = %s', (from, amount, unit, to) => {
    expect(formatDateOnly(addToLocalDate(date(from), amount, unit))).toBe(to);
  });

  it('refuses fractional amounts', () => {
    expect(() => addToLocalDate(date('2026-01-25'), 1.5, 'day')).toThrow(DomainError);
  });

  const anyDate = fc
    .record({
      year: fc.integer({ min: 1900, max: 2200 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
    })
    .filter(isValidLocalDate);

  it('days forward then back return to the same date', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -100_000, max: 100_000 }), (d, n) => {
        expect(addToLocalDate(addToLocalDate(d, n, 'day'), -n, 'day')).toEqual(d);
      }),
    );
  });

  it('months land in the right month on the same day or, clamped, on its last day', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -1200, max: 1200 }), (d: LocalDate, n) => {
        const result = addToLocalDate(d, n, 'month');
        expect(isValidLocalDate(result)).toBe(true);
        expect(result.year * 12 + result.month - (d.year * 12 + d.month)).toBe(n);
        expect(result.day).toBe(Math.min(d.day, daysInMonth(result.year, result.month)));
        expect(addToLocalDate(d, n, 'year')).toEqual(addToLocalDate(d, n * 12, 'month'));
      }),
    );
  });
});
