import { isActiveAt, isDueForSettlementAt, isExpiredAt, isPendingAt, Lot } from './lot';

const at = (iso: string) => new Date(iso);

const lot = (overrides: Partial<Lot> = {}): Lot => ({
  id: 1,
  amount: 10000n,
  remaining: 10000n,
  activationAt: at('2026-03-10T12:00:00Z'),
  expiresAt: at('2026-03-31T23:59:59.999Z'),
  activated: false,
  expired: false,
  ...overrides,
});

const states = (subject: Lot, now: Date) => [
  isActiveAt(subject, now),
  isPendingAt(subject, now),
  isExpiredAt(subject, now),
];

describe('lot predicates', () => {
  it('is pending before activationAt, active from activationAt through expiresAt, expired after it', () => {
    expect(states(lot(), at('2026-03-10T11:59:59.999Z'))).toEqual([false, true, false]);
    expect(states(lot(), at('2026-03-10T12:00:00.000Z'))).toEqual([true, false, false]);
    expect(states(lot(), at('2026-03-31T23:59:59.999Z'))).toEqual([true, false, false]);
    expect(states(lot(), at('2026-04-01T00:00:00.000Z'))).toEqual([false, false, true]);
  });

  it('never expires without expiresAt', () => {
    expect(states(lot({ expiresAt: null }), at('2099-01-01T00:00:00Z'))).toEqual([true, false, false]);
  });

  it('goes by the clock when the worker is late, and by the flags once processed', () => {
    const late = at('2026-04-02T00:00:00Z');
    expect(states(lot({ activated: true }), late)).toEqual([false, false, true]); // expiry not processed yet
    expect(states(lot({ activated: true, expired: true }), late)).toEqual([false, false, true]);
    expect(states(lot({ expired: true }), at('2026-03-01T00:00:00Z'))).toEqual([false, false, true]);
    expect(states(lot({ activated: true }), at('2026-03-01T00:00:00Z'))).toEqual([true, false, false]);
  });

  it('is due for settlement while a passed activation or expiry is not processed', () => {
    expect(isDueForSettlementAt(lot(), at('2026-03-09T00:00:00Z'))).toBe(false);
    expect(isDueForSettlementAt(lot(), at('2026-03-10T12:00:00Z'))).toBe(true);
    expect(isDueForSettlementAt(lot({ activated: true }), at('2026-03-15T00:00:00Z'))).toBe(false);
    expect(isDueForSettlementAt(lot({ activated: true }), at('2026-03-31T23:59:59.999Z'))).toBe(false);
    expect(isDueForSettlementAt(lot({ activated: true }), at('2026-04-01T00:00:00.000Z'))).toBe(true);
    expect(isDueForSettlementAt(lot(), at('2026-04-02T00:00:00Z'))).toBe(true); // expires, never activated
    expect(isDueForSettlementAt(lot({ expired: true }), at('2026-04-02T00:00:00Z'))).toBe(false);
  });
});
