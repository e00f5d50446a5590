import { bigintMin, bigintSum } from '@loyalty/kernel';
import fc from 'fast-check';
import { isActiveAt, Lot } from './lot';
import { planReversal } from './plan-reversal';

const at = (iso: string) => new Date(iso);
const now = at('2026-03-15T12:00:00Z');

const lot = (id: number, amount: bigint, remaining: bigint, overrides: Partial<Lot> = {}): Lot => ({
  id,
  amount,
  remaining,
  activationAt: at('2026-01-01T00:00:00Z'),
  expiresAt: at('2026-12-31T23:59:59.999Z'),
  activated: true,
  expired: false,
  ...overrides,
});

describe('planReversal', () => {
  const others = [
    lot(2, 20000n, 5000n, { expiresAt: null }),
    lot(3, 10000n, 10000n, { expiresAt: at('2026-06-30T23:59:59.999Z') }),
    lot(4, 9000n, 9000n, { activationAt: at('2026-03-20T00:00:00Z'), activated: false }), // pending
  ];

  it('takes the reversed lot alone while its remaining covers the amount', () => {
    expect(planReversal(lot(1, 50000n, 50000n), others, 20000n, now, false)).toEqual({
      fromReversedLot: 20000n,
      fromOtherLots: [],
      debt: 0n,
      uncollected: 0n,
    });
  });

  it('takes what was spent from the other active lots in spending order', () => {
    expect(planReversal(lot(1, 50000n, 40000n), others, 50000n, now, false)).toEqual({
      fromReversedLot: 40000n,
      fromOtherLots: [{ lotId: 3, amount: 10000n }],
      debt: 0n,
      uncollected: 0n,
    });
  });

  it('turns what is still missing into debt or leaves it uncollected, by the currency', () => {
    const reversed = lot(1, 50000n, 10000n);
    expect(planReversal(reversed, others, 50000n, now, true)).toEqual({
      fromReversedLot: 10000n,
      fromOtherLots: [
        { lotId: 3, amount: 10000n },
        { lotId: 2, amount: 5000n },
      ],
      debt: 25000n,
      uncollected: 0n,
    });
    expect(planReversal(reversed, others, 50000n, now, false)).toEqual({
      fromReversedLot: 10000n,
      fromOtherLots: [
        { lotId: 3, amount: 10000n },
        { lotId: 2, amount: 5000n },
      ],
      debt: 0n,
      uncollected: 25000n,
    });
  });

  it('takes a pending reversed lot first, like an active one', () => {
    const pending = lot(1, 30000n, 30000n, { activationAt: at('2026-03-20T00:00:00Z'), activated: false });
    expect(planReversal(pending, others, 30000n, now, false).fromReversedLot).toBe(30000n);
  });

  it('takes nothing from a reversed lot that has expired', () => {
    const expired = lot(1, 30000n, 30000n, { expiresAt: at('2026-03-15T11:59:59.999Z') });
    expect(planReversal(expired, others, 30000n, now, true)).toEqual({
      fromReversedLot: 0n,
      fromOtherLots: [
        { lotId: 3, amount: 10000n },
        { lotId: 2, amount: 5000n },
      ],
      debt: 15000n,
      uncollected: 0n,
    });
  });

  it('ignores the reversed lot if it is among the other lots, and refuses an amount ≤ 0', () => {
    const reversed = lot(1, 50000n, 1000n);
    expect(planReversal(reversed, [reversed, ...others], 2000n, now, false).fromOtherLots).toEqual([
      { lotId: 3, amount: 1000n },
    ]);
    expect(() => planReversal(reversed, others, 0n, now, false)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });

  it('accounts for the whole amount, one way of settling the rest (property)', () => {
    const base = at('2026-03-01T00:00:00Z').getTime();
    const hours = (h: number) => new Date(base + h * 3_600_000);
    const arbitraryLot = fc.record({
      amount: fc.bigInt({ min: 0n, max: 10000n }),
      used: fc.bigInt({ min: 0n, max: 10000n }),
      activation: fc.integer({ min: 0, max: 30 }),
      validity: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
      activated: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(arbitraryLot, { minLength: 1, maxLength: 8 }),
        fc.bigInt({ min: 1n, max: 40000n }),
        fc.integer({ min: 0, max: 60 }),
        fc.boolean(),
        (raw, amount, nowHours, allowNegative) => {
          const lots = raw.map(
            (r, index): Lot => ({
              id: index + 1,
              amount: r.amount,
              remaining: r.amount - bigintMin(r.used, r.amount),
              activationAt: hours(r.activation),
              expiresAt: r.validity === null ? null : hours(r.activation + r.validity),
              activated: r.activated && r.activation <= nowHours,
              expired: false,
            }),
          );
          const when = hours(nowHours);
          const [reversed, ...rest] = lots;
          const plan = planReversal(reversed, rest, amount, when, allowNegative);
          const fromOthers = bigintSum(plan.fromOtherLots.map((part) => part.amount));
          expect(plan.fromReversedLot + fromOthers + plan.debt + plan.uncollected).toBe(amount);
          expect(plan.fromReversedLot <= reversed.remaining).toBe(true);
          expect(allowNegative ? plan.uncollected : plan.debt).toBe(0n);
          const byId = new Map(rest.map((l) => [l.id, l]));
          for (const part of plan.fromOtherLots) {
            const source = byId.get(part.lotId) as Lot;
            expect(isActiveAt(source, when)).toBe(true);
            expect(part.amount <= source.remaining).toBe(true);
          }
          if (plan.fromOtherLots.length > 0) {
            expect(plan.fromReversedLot === bigintMin(reversed.remaining, amount) || plan.fromReversedLot === 0n).toBe(
              true,
            );
          }
        },
      ),
    );
  });
});
