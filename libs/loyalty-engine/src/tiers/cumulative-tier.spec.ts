import fc from 'fast-check';
import { cumulativeTier, cumulativeTierPath } from './cumulative-tier';
import { QualificationLot, Tier } from './tier-ladder';

const at = (iso: string) => new Date(iso);
const registeredAt = at('2026-01-01T09:00:00Z');

const tiers: Tier[] = [
  { tierId: 30, threshold: 500000n, order: 3 }, // Gold: 5,000.00
  { tierId: 10, threshold: 0n, order: 1 }, // Basic
  { tierId: 40, threshold: 1000000n, order: 4 }, // Platinum: 10,000.00
  { tierId: 20, threshold: 100000n, order: 2 }, // Silver: 1,000.00
];

const lots: QualificationLot[] = [
  { amount: 400000n, activationAt: at('2026-03-01T00:00:00Z'), cancelledAmount: 10000n },
  { amount: 60000n, activationAt: at('2026-01-10T00:00:00Z') },
  { amount: 600000n, activationAt: at('2026-04-01T00:00:00Z') }, // still pending on 15 March
  { amount: 50000n, activationAt: at('2026-02-01T00:00:00Z') },
];

describe('cumulativeTierPath', () => {
  it('walks the tiers in order, each reached when a lot carried the lifetime sum to its threshold', () => {
    expect(cumulativeTierPath(tiers, lots, registeredAt, at('2026-03-15T00:00:00Z'))).toEqual([
      { tierId: 10, reachedAt: registeredAt },
      { tierId: 20, reachedAt: at('2026-02-01T00:00:00Z') }, // 600.00 + 500.00
      { tierId: 30, reachedAt: at('2026-03-01T00:00:00Z') }, // + 3,900.00 net of 100.00 cancelled = 5,000.00
    ]);
    expect(cumulativeTier(tiers, lots, registeredAt, at('2026-03-15T00:00:00Z'))).toEqual({
      tierId: 30,
      reachedAt: at('2026-03-01T00:00:00Z'),
    });
  });

  it('counts a lot from its activation instant on, and only then', () => {
    expect(cumulativeTier(tiers, lots, registeredAt, at('2026-03-31T23:59:59.999Z')).tierId).toBe(30);
    expect(cumulativeTier(tiers, lots, registeredAt, at('2026-04-01T00:00:00Z'))).toEqual({
      tierId: 40,
      reachedAt: at('2026-04-01T00:00:00Z'),
    });
    expect(cumulativeTierPath(tiers, lots, registeredAt, at('2026-01-09T00:00:00Z'))).toEqual([
      { tierId: 10, reachedAt: registeredAt },
    ]);
  });

  it('reaches every threshold a single lot crosses, at that lot activation', () => {
    const big = [{ amount: 700000n, activationAt: at('2026-02-02T00:00:00Z') }];
    expect(cumulativeTierPath(tiers, big, registeredAt, at('2026-03-01T00:00:00Z'))).toEqual([
      { tierId: 10, reachedAt: registeredAt },
      { tierId: 20, reachedAt: at('2026-02-02T00:00:00Z') },
      { tierId: 30, reachedAt: at('2026-02-02T00:00:00Z') },
    ]);
  });

  it('refuses tiers without a threshold-0 tier, thresholds that fall with rank, and over-cancelled lots', () => {
    const now = at('2026-03-01T00:00:00Z');
    const internal = expect.objectContaining({ code: 'INTERNAL' });
    expect(() => cumulativeTierPath([{ tierId: 1, threshold: 100n, order: 1 }], [], registeredAt, now)).toThrow(
      internal,
    );
    expect(() => cumulativeTierPath([], [], registeredAt, now)).toThrow(internal);
    const falling = [
      { tierId: 1, threshold: 0n, order: 1 },
      { tierId: 2, threshold: 500n, order: 2 },
      { tierId: 3, threshold: 400n, order: 3 },
    ];
    expect(() => cumulativeTierPath(falling, [], registeredAt, now)).toThrow(internal);
    const overCancelled = [{ amount: 100n, activationAt: registeredAt, cancelledAmount: 101n }];
    expect(() => cumulativeTierPath(tiers, overCancelled, registeredAt, now)).toThrow(internal);
  });

  it('never downgrades as time passes, and stops at the highest threshold within the lifetime sum (property)', () => {
    const base = registeredAt.getTime();
    const days = (d: number) => new Date(base + d * 86_400_000);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.bigInt({ min: 1n, max: 50000n }), { maxLength: 5 }),
        fc.array(fc.record({ amount: fc.bigInt({ min: 0n, max: 20000n }), day: fc.integer({ min: 0, max: 60 }) }), {
          maxLength: 10,
        }),
        fc.integer({ min: 0, max: 70 }),
        fc.integer({ min: 0, max: 30 }),
        (thresholds, raw, day, later) => {
          const ladder: Tier[] = [0n, ...thresholds.sort((a, b) => (a < b ? -1 : 1))].map((threshold, index) => ({
            tierId: index + 100,
            threshold,
            order: index,
          }));
          const qualification = raw.map((r) => ({ amount: r.amount, activationAt: days(r.day) }));
          const path = cumulativeTierPath(ladder, qualification, registeredAt, days(day));
          const next = cumulativeTierPath(ladder, qualification, registeredAt, days(day + later));
          expect(next.slice(0, path.length)).toEqual(path);
          expect(path.map((step) => step.tierId)).toEqual(ladder.slice(0, path.length).map((tier) => tier.tierId));
          const lifetime = qualification
            .filter((lot) => lot.activationAt.getTime() <= days(day).getTime())
            .reduce((sum, lot) => sum + lot.amount, 0n);
          expect(ladder[path.length - 1].threshold <= lifetime).toBe(true);
          expect(path.length === ladder.length || ladder[path.length].threshold > lifetime).toBe(true);
          expect(path.slice(1).every((step) => step.reachedAt.getTime() <= days(day).getTime())).toBe(true);
        },
      ),
    );
  });
});
