import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { addToLocalDate } from './local-date';
import {
  addDays,
  addMonths,
  addYears,
  endOfLocalDay,
  endOfLocalDate,
  isValidTimeZone,
  localDateParts,
  requireTimeZone,
  startOfLocalDate,
  startOfLocalDay,
  zonedDateTimeToInstant,
} from './zoned-time';

const at = (iso: string) => new Date(iso);
const iso = (instant: Date) => instant.toISOString();
const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';

describe('time zone names', () => {
  it.each(['Europe/Berlin', 'europe/berlin', 'UTC', 'Asia/Kolkata', 'Pacific/Auckland', 'Etc/GMT-3'])(
    'accepts %p',
    (name) => {
      expect(isValidTimeZone(name)).toBe(true);
    },
  );

  it.each(['', 'Mars/Olympus', 'Europe/Berlin ', '+03:00', 'UTC+3', 'Europe'])('refuses %p', (name) => {
    expect(isValidTimeZone(name)).toBe(false);
  });

  it('returns the canonical spelling or a validation error naming the field', () => {
    expect(requireTimeZone('europe/moscow')).toBe('Europe/Moscow');
    expect(() => requireTimeZone('Mars/Olympus', 'data.timezone')).toThrow(
      'data.timezone: unknown time zone "Mars/Olympus"',
    );
  });

  it('refuses an unknown zone in every function', () => {
    expect(() => localDateParts(at('2026-01-25T00:00:00Z'), 'Mars/Olympus')).toThrow(DomainError);
    expect(() => startOfLocalDate({ year: 2026, month: 1, day: 25 }, 'Nowhere')).toThrow('unknown time zone');
  });
});

describe('localDateParts', () => {
  it('reads the wall clock and ISO weekday in the zone', () => {
    expect(localDateParts(at('2026-01-25T21:30:15.250Z'), 'Europe/Moscow')).toEqual({
      year: 2026,
      month: 1,
      day: 26,
      hour: 0,
      minute: 30,
      second: 15,
      millisecond: 250,
      weekday: 1,
    });
    expect(localDateParts(at('2026-01-25T18:29:59.999Z'), 'Asia/Kolkata')).toMatchObject({
      day: 25,
      hour: 23,
      minute: 59,
      weekday: 7,
    });
    expect(localDateParts(at('2026-01-25T18:30:00Z'), 'Asia/Kolkata')).toMatchObject({ day: 26, hour: 0, minute: 0 });
  });

  it('follows the DST switches', () => {
    expect(localDateParts(at('2026-03-29T00:59:59.999Z'), BERLIN)).toMatchObject({ hour: 1, minute: 59 });
    expect(localDateParts(at('2026-03-29T01:00:00Z'), BERLIN)).toMatchObject({ hour: 3, minute: 0 });
    expect(localDateParts(at('2026-10-25T00:30:00Z'), BERLIN)).toMatchObject({ hour: 2, minute: 30 });
    expect(localDateParts(at('2026-10-25T01:30:00Z'), BERLIN)).toMatchObject({ hour: 2, minute: 30 });
  });

  it('reads across the date line', () => {
    expect(localDateParts(at('2026-01-25T12:00:00Z'), 'Pacific/Auckland')).toMatchObject({ day: 26, hour: 1 });
    expect(localDateParts(at('2026-01-25T12:00:00Z'), 'Pacific/Pago_Pago')).toMatchObject({ day: 25, hour: 1 });
    expect(localDateParts(at('2026-01-25T10:00:00Z'), 'Pacific/Kiritimati')).toMatchObject({ day: 26, hour: 0 });
  });

  it('reads instants before 1970 and their milliseconds', () => {
    expect(localDateParts(at('1969-12-31T23:59:59.500Z'), 'UTC')).toMatchObject({
      year: 1969,
      second: 59,
      millisecond: 500,
    });
  });
});

describe('zonedDateTimeToInstant', () => {
  it('reads an ordinary wall-clock time, time fields defaulting to midnight', () => {
    expect(iso(zonedDateTimeToInstant({ year: 2026, month: 1, day: 25, hour: 15, minute: 4, second: 5 }, BERLIN))).toBe(
      '2026-01-25T14:04:05.000Z',
    );
    expect(iso(zonedDateTimeToInstant({ year: 2026, month: 1, day: 25 }, 'Asia/Kolkata'))).toBe(
      '2026-01-24T18:30:00.000Z',
    );
    expect(
      iso(zonedDateTimeToInstant({ year: 2026, month: 7, day: 1, hour: undefined, millisecond: 7 }, NEW_YORK)),
    ).toBe('2026-07-01T04:00:00.007Z');
  });

  it('moves a time in a spring-forward gap forward by the gap', () => {
    // Berlin 2026-03-29: 02:00 CET → 03:00 CEST; 02:30 does not exist and becomes 03:30 CEST.
    expect(iso(zonedDateTimeToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, BERLIN))).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(iso(zonedDateTimeToInstant({ year: 2026, month: 3, day: 29, hour: 2 }, BERLIN))).toBe(
      '2026-03-29T01:00:00.000Z',
    );
    // New York 2026-03-08: 02:00 EST → 03:00 EDT.
    expect(iso(zonedDateTimeToInstant({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, NEW_YORK))).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    // Auckland 2026-09-27: 02:00 NZST → 03:00 NZDT.
    expect(
      iso(zonedDateTimeToInstant({ year: 2026, month: 9, day: 27, hour: 2, minute: 30 }, 'Pacific/Auckland')),
    ).toBe('2026-09-26T14:30:00.000Z');
  });

  it('takes the earlier instant of a time in a fall-back overlap', () => {
    // Berlin 2026-10-25: 03:00 CEST → 02:00 CET; 02:30 happens at 00:30Z and at 01:30Z.
    expect(iso(zonedDateTimeToInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, BERLIN))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    // New York 2026-11-01: 02:00 EDT → 01:00 EST; 01:30 happens at 05:30Z and 06:30Z.
    expect(iso(zonedDateTimeToInstant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, NEW_YORK))).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    // Auckland 2026-04-05: 03:00 NZDT → 02:00 NZST.
    expect(iso(zonedDateTimeToInstant({ year: 2026, month: 4, day: 5, hour: 2, minute: 30 }, 'Pacific/Auckland'))).toBe(
      '2026-04-04T13:30:00.000Z',
    );
  });

  it.each([
    { year: 2026, month: 2, day: 29 },
    { year: 2026, month: 1, day: 25, hour: 24 },
    { year: 2026, month: 1, day: 25, minute: 60 },
    { year: 2026, month: 1, day: 25, second: 60 },
    { year: 2026, month: 1, day: 25, millisecond: 1000 },
    { year: 2026, month: 1, day: 25, hour: 1.5 },
    { year: 2026, month: 1, day: 25, hour: -1 },
  ])('refuses %p', (input) => {
    expect(() => zonedDateTimeToInstant(input, BERLIN)).toThrow(DomainError);
  });
});

describe('start and end of a local day', () => {
  it.each([
    ['Europe/Moscow', '2026-01-25T21:30:00Z', '2026-01-25T21:00:00.000Z', '2026-01-26T20:59:59.999Z'],
    ['Europe/Moscow', '2026-01-25T20:59:59.999Z', '2026-01-24T21:00:00.000Z', '2026-01-25T20:59:59.999Z'],
    ['Asia/Kolkata', '2026-01-25T10:00:00Z', '2026-01-24T18:30:00.000Z', '2026-01-25T18:29:59.999Z'],
    ['Pacific/Auckland', '2026-01-25T12:00:00Z', '2026-01-25T11:00:00.000Z', '2026-01-26T10:59:59.999Z'],
    ['Pacific/Kiritimati', '2026-01-25T10:00:00Z', '2026-01-25T10:00:00.000Z', '2026-01-26T09:59:59.999Z'],
    ['Pacific/Pago_Pago', '2026-01-25T10:00:00Z', '2026-01-24T11:00:00.000Z', '2026-01-25T10:59:59.999Z'],
    ['UTC', '2026-01-25T10:00:00Z', '2026-01-25T00:00:00.000Z', '2026-01-25T23:59:59.999Z'],
    // 23-hour and 25-hour days
    [BERLIN, '2026-03-29T12:00:00Z', '2026-03-28T23:00:00.000Z', '2026-03-29T21:59:59.999Z'],
    [BERLIN, '2026-10-25T12:00:00Z', '2026-10-24T22:00:00.000Z', '2026-10-25T22:59:59.999Z'],
    [NEW_YORK, '2026-03-08T12:00:00Z', '2026-03-08T05:00:00.000Z', '2026-03-09T03:59:59.999Z'],
    [NEW_YORK, '2026-11-01T12:00:00Z', '2026-11-01T04:00:00.000Z', '2026-11-02T04:59:59.999Z'],
    // Santiago skips midnight: 2026-09-06 starts at 01:00 -03.
    ['America/Santiago', '2026-09-06T12:00:00Z', '2026-09-06T04:00:00.000Z', '2026-09-07T02:59:59.999Z'],
  ])('in %s, the day of %s runs from %s to %s', (zone, instant, start, end) => {
    expect(iso(startOfLocalDay(at(instant), zone))).toBe(start);
    expect(iso(endOfLocalDay(at(instant), zone))).toBe(end);
  });

  it('ends a day at 23:59:59.999 local', () => {
    const end = endOfLocalDate({ year: 2026, month: 3, day: 29 }, BERLIN);
    expect(localDateParts(end, BERLIN)).toMatchObject({ day: 29, hour: 23, minute: 59, second: 59, millisecond: 999 });
    expect(iso(startOfLocalDate({ year: 2026, month: 3, day: 30 }, BERLIN))).toBe(iso(new Date(end.getTime() + 1)));
  });
});

describe('calendar arithmetic in a zone', () => {
  it('adds days keeping the wall-clock time across DST', () => {
    expect(iso(addDays(at('2026-03-28T11:00:00Z'), 1, BERLIN))).toBe('2026-03-29T10:00:00.000Z'); // 12:00 → 12:00, 23 h
    expect(iso(addDays(at('2026-10-24T10:00:00Z'), 1, BERLIN))).toBe('2026-10-25T11:00:00.000Z'); // 12:00 → 12:00, 25 h
    expect(iso(addDays(at('2026-03-07T15:00:00Z'), 1, NEW_YORK))).toBe('2026-03-08T14:00:00.000Z');
    expect(iso(addDays(at('2026-03-29T10:00:00Z'), -1, BERLIN))).toBe('2026-03-28T11:00:00.000Z');
  });

  it('adds days into a gap or an overlap by the same rules', () => {
    expect(iso(addDays(at('2026-03-28T01:30:00Z'), 1, BERLIN))).toBe('2026-03-29T01:30:00.000Z'); // 02:30 → 03:30 CEST
    expect(iso(addDays(at('2026-10-24T00:30:00Z'), 1, BERLIN))).toBe('2026-10-25T00:30:00.000Z'); // 02:30 → earlier 02:30
  });

  it('adds months with month-end clamping', () => {
    expect(iso(addMonths(at('2025-01-31T10:00:00Z'), 1, 'Europe/Warsaw'))).toBe('2025-02-28T10:00:00.000Z');
    expect(iso(addMonths(at('2024-01-31T10:00:00Z'), 1, 'Europe/Warsaw'))).toBe('2024-02-29T10:00:00.000Z');
    expect(iso(addMonths(at('2026-01-31T15:00:00Z'), 2, NEW_YORK))).toBe('2026-03-31T14:00:00.000Z'); // 10:00 EST → 10:00 EDT
    expect(iso(addMonths(at('2026-03-31T12:00:00Z'), -1, 'UTC'))).toBe('2026-02-28T12:00:00.000Z');
    // 31 Jan 23:30 in Moscow is 20:30Z; a month later is 28 Feb 23:30 MSK, whatever the UTC date.
    expect(iso(addMonths(at('2026-01-31T20:30:00Z'), 1, 'Europe/Moscow'))).toBe('2026-02-28T20:30:00.000Z');
    // 1 Feb 00:30 in Auckland is 31 Jan UTC; the month is counted in Auckland.
    expect(iso(addMonths(at('2026-01-31T11:30:00Z'), 1, 'Pacific/Auckland'))).toBe('2026-02-28T11:30:00.000Z');
  });

  it('adds years, 29 Feb going to 28 Feb', () => {
    expect(iso(addYears(at('2024-02-29T12:00:00Z'), 1, 'UTC'))).toBe('2025-02-28T12:00:00.000Z');
    expect(iso(addYears(at('2024-02-29T12:00:00Z'), 4, 'UTC'))).toBe('2028-02-29T12:00:00.000Z');
    expect(iso(addYears(at('2025-07-01T10:00:00Z'), 1, 'Asia/Kolkata'))).toBe('2026-07-01T10:00:00.000Z');
  });
});

describe('time zone properties', () => {
  const zones = fc.constantFrom(
    'UTC',
    BERLIN,
    NEW_YORK,
    'Europe/Moscow',
    'Asia/Kolkata',
    'Pacific/Auckland',
    'Pacific/Chatham',
    'America/Santiago',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
  );
  const instants = fc.date({ min: at('1971-01-01T00:00:00Z'), max: at('2100-12-31T00:00:00Z'), noInvalidDate: true });

  it('a wall-clock reading names the instant it was read from, or the earlier one in an overlap', () => {
    fc.assert(
      fc.property(instants, zones, (instant, zone) => {
        const parts = localDateParts(instant, zone);
        const back = zonedDateTimeToInstant(parts, zone);
        expect(back.getTime()).toBeLessThanOrEqual(instant.getTime());
        expect(localDateParts(back, zone)).toEqual(parts);
      }),
    );
  });

  it('every instant lies inside its local day, which is 22 to 26 hours long and starts the next day', () => {
    fc.assert(
      fc.property(instants, zones, (instant, zone) => {
        const start = startOfLocalDay(instant, zone);
        const end = endOfLocalDay(instant, zone);
        expect(start.getTime()).toBeLessThanOrEqual(instant.getTime());
        expect(end.getTime()).toBeGreaterThanOrEqual(instant.getTime());
        const hours = (end.getTime() + 1 - start.getTime()) / 3_600_000;
        expect(hours).toBeGreaterThanOrEqual(22);
        expect(hours).toBeLessThanOrEqual(26);
        const { year, month, day } = localDateParts(instant, zone);
        expect(localDateParts(start, zone)).toMatchObject({ year, month, day });
        expect(localDateParts(end, zone)).toMatchObject({ year, month, day });
        expect(localDateParts(new Date(end.getTime() + 1), zone)).toMatchObject(
          addToLocalDate({ year, month, day }, 1, 'day'),
        );
        expect(localDateParts(new Date(start.getTime() - 1), zone)).toMatchObject(
          addToLocalDate({ year, month, day }, -1, 'day'),
        );
      }),
    );
  });

  it('adding days moves the local date by that many days', () => {
    fc.assert(
      fc.property(instants, zones, fc.integer({ min: -400, max: 400 }), (instant, zone, n) => {
        const { year, month, day } = localDateParts(instant, zone);
        expect(localDateParts(addDays(instant, n, zone), zone)).toMatchObject(
          addToLocalDate({ year, month, day }, n, 'day'),
        );
      }),
    );
  });
});
