import fc from 'fast-check';
import { isActiveAt, Lot } from './lot';
import { compareSpendingOrder, spendableLots } from './spending-order';

const at = (iso: string) => new Date(iso);
const now = at('2026-03-15T12:00:00Z');

const lot = (id: number, activation: string, expiry: string | null, overrides: Partial<Lot> = {}): Lot => ({
  id,
  amount: 10000n,
  remaining: 10000n,
  activationAt: at(activation),
  expiresAt: expiry === null ? null : at(expiry),
  activated: true,
  expired: false,
  ...overrides,
});

describe('spending order', () => {
  it('spends the earliest expiry first, never-expiring last, then the oldest activation, then the lowest id', () => {
    const lots = [
      lot(1, '2026-01-01T00:00:00Z', null),
      lot(2, '2026-02-01T00:00:00Z', '2026-06-30T23:59:59.999Z'),
      lot(3, '2026-01-15T00:00:00Z', '2026-06-30T23:59:59.999Z'),
      lot(4, '2026-01-15T00:00:00Z', '2026-06-30T23:59:59.999Z'),
      lot(5, '2026-03-01T00:00:00Z', '2026-04-30T23:59:59.999Z'),
      lot(6, '2025-12-01T00:00:00Z', null),
    ];
    expect([...lots].sort(compareSpendingOrder).map((l) => l.id)).toEqual([5, 3, 4, 2, 6, 1]);
    expect(spendableLots(lots, now).map((l) => l.id)).toEqual([5, 3, 4, 2, 6, 1]);
  });

  it('leaves out pending, expired and empty lots', () => {
    const lots = [
      lot(1, '2026-03-20T00:00:00Z', null, { activated: false }), // pending
      lot(2, '2026-01-01T00:00:00Z', '2026-03-15T11:59:59.999Z'), // expired a millisecond ago
      lot(3, '2026-01-01T00:00:00Z', null, { remaining: 0n }),
      lot(4, '2026-03-15T12:00:00Z', null, { activated: false }), // activates at this very instant
      lot(5, '2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z', { expired: true }),
    ];
    expect(spendableLots(lots, now).map((l) => l.id)).toEqual([4]);
  });

  it('returns active lots with points only, sorted (property)', () => {
    const base = at('2026-03-01T00:00:00Z').getTime();
    const hours = (h: number) => new Date(base + h * 3_600_000);
    const arbitraryLot = fc.record({
      remaining: fc.bigInt({ min: 0n, max: 100n }),
      activation: fc.integer({ min: 0, max: 20 }),
      validity: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
      activated: fc.boolean(),
      expired: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(arbitraryLot, { maxLength: 12 }), fc.integer({ min: 0, max: 40 }), (raw, nowHours) => {
        const lots: Lot[] = raw.map((r, index) => ({
          id: index + 1,
          amount: 100n,
          remaining: r.remaining,
          activationAt: hours(r.activation),
          expiresAt: r.validity === null ? null : hours(r.activation + r.validity),
          activated: r.activated,
          expired: r.expired,
        }));
        const moment = hours(nowHours);
        const spendable = spendableLots(lots, moment);
        expect(spendable.every((l) => l.remaining > 0n && isActiveAt(l, moment))).toBe(true);
        expect(spendable).toHaveLength(lots.filter((l) => l.remaining > 0n && isActiveAt(l, moment)).length);
        spendable.slice(1).forEach((l, index) => expect(compareSpendingOrder(spendable[index], l)).toBeLessThan(0));
      }),
    );
  });
});
