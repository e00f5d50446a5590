import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { activationAt, expiresAt } from './expiry';
import { localDateParts } from './zoned-time';

const at = (iso: string) => new Date(iso);
const iso = (instant: Date) => instant.toISOString();

describe('expiresAt', () => {
  it('reproduces example E8 (Europe/Warsaw)', () => {
    expect(iso(expiresAt(at('2025-01-31T10:00:00Z'), { unit: 'month', value: 1 }, 'Europe/Warsaw'))).toBe(
      '2025-02-28T22:59:59.999Z',
    );
    const tenDays = expiresAt(at('2025-03-20T12:00:00Z'), { unit: 'day', value: 10 }, 'Europe/Warsaw');
    expect(iso(tenDays)).toBe('2025-03-30T21:59:59.999Z');
    expect(tenDays.getTime()).toBeLessThan(at('2025-03-30T22:01:00Z').getTime()); // a redemption then cannot use them
  });

  it('clamps months to the last day, leap years included', () => {
    expect(iso(expiresAt(at('2024-01-31T10:00:00Z'), { unit: 'month', value: 1 }, 'Europe/Warsaw'))).toBe(
      '2024-02-29T22:59:59.999Z',
    );
    expect(iso(expiresAt(at('2024-02-29T10:00:00Z'), { unit: 'year', value: 1 }, 'UTC'))).toBe(
      '2025-02-28T23:59:59.999Z',
    );
    expect(iso(expiresAt(at('2025-08-31T10:00:00Z'), { unit: 'month', value: 6 }, 'UTC'))).toBe(
      '2026-02-28T23:59:59.999Z',
    );
  });

  it('counts from the local date of the activation', () => {
    // 31 Jan 22:30Z is already 1 Feb in Moscow → 1 Mar ends 20:59:59.999Z.
    expect(iso(expiresAt(at('2026-01-31T22:30:00Z'), { unit: 'month', value: 1 }, 'Europe/Moscow'))).toBe(
      '2026-03-01T20:59:59.999Z',
    );
    // In Auckland 2026-01-25T12:00Z is 26 Jan; 7 days later is 2 Feb (NZDT, +13).
    expect(iso(expiresAt(at('2026-01-25T12:00:00Z'), { unit: 'day', value: 7 }, 'Pacific/Auckland'))).toBe(
      '2026-02-02T10:59:59.999Z',
    );
    expect(iso(expiresAt(at('2026-01-25T19:00:00Z'), { unit: 'day', value: 0 }, 'Asia/Kolkata'))).toBe(
      '2026-01-26T18:29:59.999Z',
    );
  });

  it('ends the last day of a DST switch at its local midnight', () => {
    expect(iso(expiresAt(at('2026-10-24T10:00:00Z'), { unit: 'day', value: 1 }, 'Europe/Berlin'))).toBe(
      '2026-10-25T22:59:59.999Z',
    );
    expect(iso(expiresAt(at('2026-02-08T15:00:00Z'), { unit: 'month', value: 1 }, 'America/New_York'))).toBe(
      '2026-03-09T03:59:59.999Z',
    );
  });

  it('always ends at 23:59:59.999 local on the day validity later', () => {
    fc.assert(
      fc.property(
        fc.date({ min: at('1971-01-01T00:00:00Z'), max: at('2090-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland'),
        fc.integer({ min: 0, max: 400 }),
        (activation, zone, days) => {
          const expiry = expiresAt(activation, { unit: 'day', value: days }, zone);
          expect(localDateParts(expiry, zone)).toMatchObject({ hour: 23, minute: 59, second: 59, millisecond: 999 });
          expect(expiry.getTime()).toBeGreaterThan(activation.getTime() + (days - 1) * 86_400_000);
          expect(localDateParts(new Date(expiry.getTime() + 1), zone)).toMatchObject({ hour: 0, minute: 0 });
        },
      ),
    );
  });
});

describe('activationAt', () => {
  it('adds N × 24 h, not snapped to a day, even across a DST switch', () => {
    expect(iso(activationAt(at('2026-03-20T10:15:00.123Z'), 14))).toBe('2026-04-03T10:15:00.123Z');
    expect(iso(activationAt(at('2026-01-25T10:00:00Z'), 0))).toBe('2026-01-25T10:00:00.000Z');
  });

  it.each([-1, 1.5, NaN])('refuses a delay of %p days', (days) => {
    expect(() => activationAt(at('2026-01-25T10:00:00Z'), days)).toThrow(DomainError);
  });
});
