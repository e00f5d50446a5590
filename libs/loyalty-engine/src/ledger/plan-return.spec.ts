import { bigintMin, bigintSum } from '@loyalty/kernel';
import fc from 'fast-check';
import { isExpiredAt, Lot } from './lot';
import { LotAllocation, sumByLot } from './lot-allocation';
import { planRedemption } from './plan-redemption';
import { planReturn } from './plan-return';

const at = (iso: string) => new Date(iso);

const lot = (id: number, amount: bigint, remaining: bigint, expiry: string | null, expired = false): Lot => ({
  id,
  amount,
  remaining,
  activationAt: at('2026-01-01T00:00:00Z'),
  expiresAt: expiry === null ? null : at(expiry),
  activated: true,
  expired,
});

describe('planReturn', () => {
  const lots = [
    lot(1, 30000n, 0n, '2026-03-31T23:59:59.999Z'),
    lot(2, 50000n, 20000n, '2026-12-01T23:59:59.999Z'),
    lot(3, 10000n, 4000n, null),
  ];
  const allocations = [
    { lotId: 1, amount: 30000n },
    { lotId: 2, amount: 30000n },
    { lotId: 3, amount: 6000n },
  ];

  it('gives every part back to its lot while the lots are valid', () => {
    expect(planReturn(allocations, lots, at('2026-03-20T00:00:00Z'))).toEqual({
      restore: allocations,
      expireAtOnce: [],
    });
  });

  it('expires at once the parts whose lot has expired (after expiresAt), processed or not', () => {
    expect(planReturn(allocations, lots, at('2026-04-01T00:00:00.000Z'))).toEqual({
      restore: [
        { lotId: 2, amount: 30000n },
        { lotId: 3, amount: 6000n },
      ],
      expireAtOnce: [{ lotId: 1, amount: 30000n }],
    });
    const processed = [lot(1, 30000n, 0n, '2026-03-31T23:59:59.999Z', true), ...lots.slice(1)];
    expect(planReturn(allocations, processed, at('2026-04-02T00:00:00Z')).expireAtOnce).toEqual([
      { lotId: 1, amount: 30000n },
    ]);
  });

  it('refuses a lot it is not given, a negative part, and more than the lot ever held', () => {
    const now = at('2026-03-20T00:00:00Z');
    expect(() => planReturn([{ lotId: 9, amount: 1n }], lots, now)).toThrow(
      expect.objectContaining({ code: 'INTERNAL' }),
    );
    expect(() => planReturn([{ lotId: 3, amount: -1n }], lots, now)).toThrow(
      expect.objectContaining({ code: 'INTERNAL' }),
    );
    expect(() => planReturn([{ lotId: 3, amount: 6001n }], lots, now)).toThrow(
      expect.objectContaining({ code: 'INTERNAL' }),
    );
    expect(() =>
      planReturn(
        [
          { lotId: 3, amount: 3000n },
          { lotId: 3, amount: 3001n },
        ],
        lots,
        now,
      ),
    ).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });

  it('returns exactly what a redemption took, lot by lot (property)', () => {
    const base = at('2026-03-01T00:00:00Z').getTime();
    const hours = (h: number) => new Date(base + h * 3_600_000);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            amount: fc.bigInt({ min: 0n, max: 10000n }),
            used: fc.bigInt({ min: 0n, max: 10000n }),
            validity: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
          }),
          { maxLength: 8 },
        ),
        fc.bigInt({ min: 1n, max: 50000n }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 40 }),
        (raw, wanted, redeemedAt, delay) => {
          const lots = raw.map(
            (r, index): Lot => ({
              id: index + 1,
              amount: r.amount,
              remaining: r.amount - bigintMin(r.used, r.amount),
              activationAt: hours(0),
              expiresAt: r.validity === null ? null : hours(r.validity),
              activated: true,
              expired: false,
            }),
          );
          const { allocations } = planRedemption(lots, wanted, hours(redeemedAt));
          const drained = lots.map((l) => ({
            ...l,
            remaining: l.remaining - (sumByLot(allocations).get(l.id) ?? 0n),
          }));
          const returnedAt = hours(redeemedAt + delay);
          const { restore, expireAtOnce } = planReturn(allocations, drained, returnedAt);
          const total = (parts: LotAllocation[]) => bigintSum(parts.map((p) => p.amount));
          expect(sumByLot([...restore, ...expireAtOnce])).toEqual(sumByLot(allocations));
          expect(total(restore) + total(expireAtOnce)).toBe(total(allocations));
          const byId = new Map(drained.map((l) => [l.id, l]));
          expect(restore.every((p) => !isExpiredAt(byId.get(p.lotId) as Lot, returnedAt))).toBe(true);
          expect(expireAtOnce.every((p) => isExpiredAt(byId.get(p.lotId) as Lot, returnedAt))).toBe(true);
          if (expireAtOnce.length === 0) {
            const back = sumByLot(restore);
            expect(drained.map((l) => l.remaining + (back.get(l.id) ?? 0n))).toEqual(lots.map((l) => l.remaining));
          }
        },
      ),
    );
  });
});
