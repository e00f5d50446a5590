import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { formatRfc3339, parseInstantOrDate, parseLegacyLocalDateTime, parseRfc3339 } from './instant-text';

const iso = (instant: Date) => instant.toISOString();

describe('parseRfc3339', () => {
  it.each([
    ['2026-03-30T21:59:59.999Z', '2026-03-30T21:59:59.999Z'],
    ['2026-03-30T23:59:59.999+02:00', '2026-03-30T21:59:59.999Z'],
    ['2026-01-25T10:00:00+05:30', '2026-01-25T04:30:00.000Z'],
    ['2026-01-25T10:00:00-03:00', '2026-01-25T13:00:00.000Z'],
    ['2026-01-25T10:00:00-00:00', '2026-01-25T10:00:00.000Z'],
    ['2026-01-25t10:00:00z', '2026-01-25T10:00:00.000Z'],
    ['2026-11-25T10:00:00Z', '2026-11-25T10:00:00.000Z'],
    ['2026-01-25T10:00:00.5Z', '2026-01-25T10:00:00.500Z'],
    ['2026-01-25T10:00:00.12Z', '2026-01-25T10:00:00.120Z'],
    ['2026-01-25T00:30:00+01:00', '2026-01-24T23:30:00.000Z'],
    ['2024-02-29T23:59:59Z', '2024-02-29T23:59:59.000Z'],
  ])('reads %s', (text, expected) => {
    expect(iso(parseRfc3339(text))).toBe(expected);
  });

  it('truncates fractions finer than a millisecond', () => {
    expect(iso(parseRfc3339('2026-01-25T10:00:00.123456Z'))).toBe('2026-01-25T10:00:00.123Z');
    expect(iso(parseRfc3339('2026-01-25T10:00:00.999999999Z'))).toBe('2026-01-25T10:00:00.999Z');
  });

  it('refuses a date-time without an offset, saying so', () => {
    expect(() => parseRfc3339('2026-01-25T10:00:00', 'data.create_time')).toThrow(
      'data.create_time: must have a time zone offset (Z or ±hh:mm)',
    );
    expect(() => parseRfc3339('2026-01-25T10:00:00.123')).toThrow('must have a time zone offset');
  });

  it.each([
    '',
    '2026-01-25',
    '2026-01-25 10:00:00Z',
    '2026-01-25T10:00Z',
    '2026-01-25T10:00:00+0100',
    '2026-01-25T10:00:00+01',
    '2026-01-25T10:00:00.Z',
    '2026-01-25T10:00:00.1234567891Z',
    '2026-02-29T10:00:00Z',
    '2026-01-32T10:00:00Z',
    '2026-01-25T24:00:00Z',
    '2026-01-25T10:60:00Z',
    '2026-12-31T23:59:60Z',
    '2026-01-25T10:00:00+24:00',
    '2026-01-25T10:00:00+01:60',
    '0000-01-01T00:00:00Z',
    ' 2026-01-25T10:00:00Z',
    '2026-01-25T10:00:00Z ',
    '20260125T100000Z',
    '1769335200000',
  ])('refuses %p', (text) => {
    expect(() => parseRfc3339(text, 'start_date')).toThrow(DomainError);
    expect(() => parseRfc3339(text, 'start_date')).toThrow(/^start_date: /);
  });
});

describe('formatRfc3339', () => {
  it('writes UTC with milliseconds', () => {
    expect(formatRfc3339(new Date(Date.UTC(2026, 2, 30, 21, 59, 59, 999)))).toBe('2026-03-30T21:59:59.999Z');
    expect(formatRfc3339(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
  });

  it('refuses an invalid Date', () => {
    expect(() => formatRfc3339(new Date(NaN))).toThrow(DomainError);
  });

  it('round-trips through parseRfc3339, whatever offset the text is written with', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0002-01-01T00:00:00Z'), max: new Date('9998-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
        (instant, offsetMinutes) => {
          expect(parseRfc3339(formatRfc3339(instant)).getTime()).toBe(instant.getTime());
          // Write the same instant as local time at an arbitrary offset.
          const shifted = new Date(instant.getTime() + offsetMinutes * 60_000).toISOString().slice(0, -1);
          const abs = Math.abs(offsetMinutes);
          const offset = `${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          expect(parseRfc3339(shifted + offset).getTime()).toBe(instant.getTime());
        },
      ),
    );
  });
});

describe('parseInstantOrDate', () => {
  it('reads a date alone as the start or the end of that day in the zone', () => {
    expect(iso(parseInstantOrDate('2026-01-25', 'Europe/Moscow', 'start'))).toBe('2026-01-24T21:00:00.000Z');
    expect(iso(parseInstantOrDate('2026-01-25', 'Europe/Moscow', 'end'))).toBe('2026-01-25T20:59:59.999Z');
    expect(iso(parseInstantOrDate('2026-01-25', 'Asia/Kolkata', 'end'))).toBe('2026-01-25T18:29:59.999Z');
    expect(iso(parseInstantOrDate('2026-03-29', 'Europe/Berlin', 'end'))).toBe('2026-03-29T21:59:59.999Z');
    // E11: date_from "2023-09-01" .. date_to "2023-09-30" in UTC
    expect(iso(parseInstantOrDate('2023-09-01', 'UTC', 'start'))).toBe('2023-09-01T00:00:00.000Z');
    expect(iso(parseInstantOrDate('2023-09-30', 'UTC', 'end'))).toBe('2023-09-30T23:59:59.999Z');
  });

  it('reads a date-time with offset as it is, whichever edge', () => {
    expect(iso(parseInstantOrDate('2026-01-25T10:00:00+03:00', 'Asia/Kolkata', 'end'))).toBe(
      '2026-01-25T07:00:00.000Z',
    );
  });

  it('names the field in its errors', () => {
    expect(() => parseInstantOrDate('2026-02-30', 'UTC', 'end', 'date_to')).toThrow(
      'date_to: must be a date such as "2026-01-25"',
    );
    expect(() => parseInstantOrDate('2026-01-25T10:00:00', 'UTC', 'start', 'date_from')).toThrow(
      'date_from: must have a time zone offset (Z or ±hh:mm)',
    );
    expect(() => parseInstantOrDate('yesterday', 'UTC', 'start', 'date_from')).toThrow(/^date_from: /);
  });
});

describe('parseLegacyLocalDateTime', () => {
  it('reads an old order time in the account zone', () => {
    expect(iso(parseLegacyLocalDateTime('2006-01-25 15:04:05', 'Europe/Moscow'))).toBe('2006-01-25T12:04:05.000Z');
    expect(iso(parseLegacyLocalDateTime('2006-01-25 15:04:05', 'UTC'))).toBe('2006-01-25T15:04:05.000Z');
    expect(iso(parseLegacyLocalDateTime('2026-03-29 02:30:00', 'Europe/Berlin'))).toBe('2026-03-29T01:30:00.000Z');
  });

  it.each([
    '2006-01-25T15:04:05',
    '2006-01-25 15:04',
    '2006-01-25 25:04:05',
    '2006-02-30 15:04:05',
    '2006-01-25 15:04:05Z',
  ])('refuses %p', (text) => {
    expect(() => parseLegacyLocalDateTime(text, 'UTC', 'data.create_time')).toThrow(/^data.create_time: /);
  });
});
