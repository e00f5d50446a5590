import { bigintMin, bigintSum, DomainError } from '@loyalty/kernel';
import fc from 'fast-check';
import { isActiveAt, Lot } from './lot';
import { LotAllocation } from './lot-allocation';
import { planRedemption } from './plan-redemption';
import { spendableLots } from './spending-order';

const at = (iso: string) => new Date(iso);
const now = at('2026-03-15T12:00:00Z');

const lot = (id: number, remaining: bigint, expiry: string | null, overrides: Partial<Lot> = {}): Lot => ({
  id,
  amount: remaining,
  remaining,
  activationAt: at('2026-01-01T00:00:00Z'),
  expiresAt: expiry === null ? null : at(expiry),
  activated: true,
  expired: false,
  ...overrides,
});

const drain = (lots: readonly Lot[], allocations: readonly LotAllocation[]): Lot[] =>
  lots.map((l) => ({
    ...l,
    remaining: l.remaining - bigintSum(allocations.filter((a) => a.lotId === l.id).map((a) => a.amount)),
  }));

const activeSum = (lots: readonly Lot[]) => bigintSum(spendableLots(lots, now).map((l) => l.remaining));

describe('planRedemption', () => {
  it('drains lots in spending order, the last one partly', () => {
    const lots = [
      lot(1, 50000n, null),
      lot(2, 30000n, '2026-03-31T23:59:59.999Z'),
      lot(3, 20000n, '2026-04-30T23:59:59.999Z'),
    ];
    expect(planRedemption(lots, 40000n, now)).toEqual({
      allocations: [
        { lotId: 2, amount: 30000n },
        { lotId: 3, amount: 10000n },
      ],
      shortfall: 0n,
    });
    expect(planRedemption(lots, 30000n, now)).toEqual({ allocations: [{ lotId: 2, amount: 30000n }], shortfall: 0n });
  });

  it('reports what the active lots cannot cover, and never spends pending points', () => {
    const lots = [
      lot(1, 10000n, null),
      lot(2, 20000n, null, { activationAt: at('2026-03-20T00:00:00Z'), activated: false }),
      lot(3, 5000n, '2026-03-15T11:59:59.999Z'), // expired a millisecond ago
    ];
    expect(planRedemption(lots, 12345n, now)).toEqual({
      allocations: [{ lotId: 1, amount: 10000n }],
      shortfall: 2345n,
    });
    expect(planRedemption([], 1n, now)).toEqual({ allocations: [], shortfall: 1n });
  });

  it('refuses an amount that is not positive', () => {
    expect(() => planRedemption([lot(1, 100n, null)], 0n, now)).toThrow(DomainError);
    expect(() => planRedemption([lot(1, 100n, null)], -1n, now)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });

  it('reproduces example E6: 142 redemptions of 7.00 out of 1,000.00 succeed, the 143rd falls short', () => {
    let lots = [
      lot(1, 30000n, '2026-04-30T23:59:59.999Z'),
      lot(2, 30000n, '2026-05-31T23:59:59.999Z'),
      lot(3, 40000n, null),
    ];
    expect(activeSum(lots)).toBe(100000n);
    for (let count = 1; count <= 142; count += 1) {
      const plan = planRedemption(lots, 700n, now);
      expect(plan.shortfall).toBe(0n);
      lots = drain(lots, plan.allocations);
      expect(activeSum(lots)).toBe(100000n - BigInt(count) * 700n);
    }
    const last = planRedemption(lots, 700n, now);
    expect(last).toEqual({ allocations: [{ lotId: 3, amount: 600n }], shortfall: 100n });
    expect(activeSum(lots)).toBe(600n); // the 143rd is refused: nothing drained
    expect(lots.map((l) => l.remaining)).toEqual([0n, 0n, 600n]);
  });

  describe('properties', () => {
    const base = at('2026-03-01T00:00:00Z').getTime();
    const hours = (h: number) => new Date(base + h * 3_600_000);
    const arbitraryLots = fc
      .array(
        fc.record({
          amount: fc.bigInt({ min: 0n, max: 10000n }),
          used: fc.bigInt({ min: 0n, max: 10000n }),
          activation: fc.integer({ min: 0, max: 30 }),
          validity: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
          activated: fc.boolean(),
          expired: fc.boolean(),
        }),
        { maxLength: 10 },
      )
      .map((raw) =>
        raw.map(
          (r, index): Lot => ({
            id: index + 1,
            amount: r.amount,
            remaining: r.amount - bigintMin(r.used, r.amount),
            activationAt: hours(r.activation),
            expiresAt: r.validity === null ? null : hours(r.activation + r.validity),
            activated: r.activated,
            expired: r.expired,
          }),
        ),
      );
    const moment = fc.integer({ min: 0, max: 60 }).map(hours);
    const amount = fc.bigInt({ min: 1n, max: 60000n });

    it('takes at most each lot remaining, from active lots only, once each, in spending order', () => {
      fc.assert(
        fc.property(arbitraryLots, amount, moment, (lots, wanted, when) => {
          const { allocations } = planRedemption(lots, wanted, when);
          const byId = new Map(lots.map((l) => [l.id, l]));
          for (const { lotId, amount: taken } of allocations) {
            const source = byId.get(lotId) as Lot;
            expect(taken).toBeGreaterThan(0n);
            expect(taken).toBeLessThanOrEqual(source.remaining);
            expect(isActiveAt(source, when)).toBe(true);
          }
          const order = spendableLots(lots, when).map((l) => l.id);
          expect(allocations.map((a) => a.lotId)).toEqual(order.slice(0, allocations.length));
          // every lot but the last is drained completely
          allocations.slice(0, -1).forEach((a) => expect(a.amount).toBe(byId.get(a.lotId)?.remaining));
        }),
      );
    });

    it('allocates min(amount, available) and reports the rest as shortfall', () => {
      fc.assert(
        fc.property(arbitraryLots, amount, moment, (lots, wanted, when) => {
          const { allocations, shortfall } = planRedemption(lots, wanted, when);
          const available = bigintSum(spendableLots(lots, when).map((l) => l.remaining));
          const allocated = bigintSum(allocations.map((a) => a.amount));
          expect(allocated).toBe(bigintMin(wanted, available));
          expect(allocated + shortfall).toBe(wanted);
          expect(shortfall >= 0n).toBe(true);
        }),
      );
    });
  });
});
