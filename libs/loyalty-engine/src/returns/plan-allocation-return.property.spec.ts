import fc from 'fast-check';
import { bigintSum, formatDecimal } from '@loyalty/kernel';
import { priceCart } from '../checkout/price-cart';
import { PointsByCurrency } from '../checkout/pricing-types';
import { cart, currency, discountPromotion, pointsPromotion } from '../checkout/test-support/cart-builder';
import { CommittedLine, ReturnFigures } from './committed-allocation';
import { linesAfterReturn, planAllocationReturn } from './plan-allocation-return';
import { OpenAllocation, planPartialGiveBack } from './plan-partial-give-back';
import { committedLines, reevaluationOf } from './test-support/committed-lines';

/**
 * "After every unit is returned, the order's net effect on the ledger is exactly zero" (rules.md
 * §5): whatever the cart and however the units come back (any lines, any counts, any order),
 * the returns add up to exactly what the commit allocated.
 */

const text = (minor: bigint) => formatDecimal(minor, 2);

const lineArb = fc.record({
  price: fc.bigInt({ min: 1n, max: 30_000n }),
  count: fc.integer({ min: 1, max: 5 }),
  product: fc.constantFrom('a', 'b', 'c'),
});

const cartArb = fc.record({
  lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }),
  percent: fc.integer({ min: 1, max: 50 }),
  fixed: fc.bigInt({ min: 1n, max: 3_000n }),
  threshold: fc.bigInt({ min: 0n, max: 60_000n }),
  lineCondition: fc.boolean(),
  redeem: fc.bigInt({ min: 0n, max: 1_000_000n }),
  wholePoints: fc.boolean(),
  reevaluate: fc.boolean(),
  /** The order returns are asked in: each a (line pick, count pick), resolved against what is left. */
  steps: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 12 }),
});

function sumByCurrency(points: readonly PointsByCurrency[]): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const { points_currency_eid, amount } of points) {
    sums.set(points_currency_eid, (sums.get(points_currency_eid) ?? 0n) + amount);
  }
  return new Map([...sums].filter(([, amount]) => amount !== 0n));
}

describe('planAllocationReturn (properties)', () => {
  it('returning every unit in any sequence of counts gives back exactly the committed totals', () => {
    fc.assert(
      fc.property(cartArb, (spec) => {
        const goodsCondition = { field: 'goods_total', op: 'gte', value: text(spec.threshold) };
        const conditions = spec.lineCondition
          ? { all: [goodsCondition, { field: 'line.product', op: 'in', value: ['a', 'b'] }] }
          : goodsCondition;
        const input = cart({
          lines: spec.lines.map((line) => ({ price: text(line.price), count: line.count, product: line.product })),
          currencies: [currency({ eid: 'bonus', precision: spec.wholePoints ? 0 : 2 })],
          promotions: [
            discountPromotion(1, { kind: 'percent', value: String(spec.percent), target: 'order' }, { conditions }),
            discountPromotion(2, { kind: 'fixed', value: text(spec.fixed), target: 'order' }, { conditions }),
            pointsPromotion(3, { kind: 'per_amount', value: '1', per: '1.00', points_currency_eid: 'bonus' }),
          ],
          member: { balances: { bonus: '100000' } },
          redeem: spec.wholePoints ? String(spec.redeem / 100n) : text(spec.redeem),
        });
        const calculation = priceCart(input);
        const reevaluation = reevaluationOf(input, spec.reevaluate ? [1, 2] : []);
        let lines: CommittedLine[] = committedLines(calculation);
        const all: ReturnFigures[] = [];
        const left = () => lines.map((line) => line.units.length - line.unitsReturned);
        for (const [linePick, countPick] of spec.steps) {
          const open = left()
            .map((units, index) => ({ units, index }))
            .filter((entry) => entry.units > 0);
          if (open.length === 0) break;
          const { units, index } = open[linePick % open.length];
          const figures = planAllocationReturn({
            lines,
            returns: [{ line: index, units: 1 + (countPick % units) }],
            reevaluation,
          });
          all.push(figures);
          lines = linesAfterReturn(lines, figures);
        }
        // Whatever is still kept goes back at once (a whole-order cancellation).
        const rest = left()
          .map((units, line) => ({ line, units }))
          .filter((entry) => entry.units > 0);
        if (rest.length > 0) {
          const figures = planAllocationReturn({ lines, returns: rest, reevaluation });
          all.push(figures);
          lines = linesAfterReturn(lines, figures);
        }
        expect(all[all.length - 1].orderFullyReturned).toBe(true);
        const units = calculation.lines.flatMap((line) => line.units);
        for (const figures of all) expect(figures.moneyToRefund).toBeGreaterThanOrEqual(0n);
        expect(bigintSum(all.map((figures) => figures.moneyToRefund))).toBe(bigintSum(units.map((unit) => unit.paid)));
        expect(bigintSum(all.map((figures) => figures.pointsReturned))).toBe(calculation.pointsRedeemed);
        expect(bigintSum(all.map((figures) => figures.pointsReturnedValue))).toBe(calculation.pointsRedeemedValue);
        expect(sumByCurrency(all.flatMap((figures) => figures.pointsCancelled))).toEqual(
          sumByCurrency(calculation.accrued),
        );
        expect(bigintSum(all.map((figures) => figures.discountReturned + figures.discountClawedBack))).toBe(
          bigintSum(units.map((unit) => unit.discount)),
        );
        if (!spec.reevaluate) expect(all.every((figures) => figures.discountClawedBack === 0n)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('planPartialGiveBack', () => {
  const allocations: OpenAllocation[] = [
    { allocationId: 11, lotId: 1, open: 30000n },
    { allocationId: 12, lotId: 2, open: 30000n },
    { allocationId: 13, lotId: 3, open: 6000n },
  ];

  it('takes the most recently spent lots first and lists the parts in allocation order', () => {
    expect(planPartialGiveBack(allocations, 10000n)).toEqual([
      { allocationId: 12, lotId: 2, amount: 4000n },
      { allocationId: 13, lotId: 3, amount: 6000n },
    ]);
    expect(planPartialGiveBack(allocations, 66000n).map((part) => part.amount)).toEqual([30000n, 30000n, 6000n]);
    expect(planPartialGiveBack(allocations, 0n)).toEqual([]);
  });

  it('refuses more than is open', () => {
    expect(() => planPartialGiveBack(allocations, 66001n)).toThrow('cannot give back 66001');
  });

  it('given back in any sequence of amounts, every allocation ends fully returned', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 5000n }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.bigInt({ min: 1n, max: 4000n }), { minLength: 1, maxLength: 20 }),
        (amounts, steps) => {
          let open = amounts.map((amount, index) => ({ allocationId: index, lotId: index, open: amount }));
          const total = bigintSum(amounts);
          let given = 0n;
          for (const step of [...steps, total]) {
            const take = step < total - given ? step : total - given;
            const parts = planPartialGiveBack(open, take);
            expect(bigintSum(parts.map((part) => part.amount))).toBe(take);
            open = open.map((allocation) => ({
              ...allocation,
              open:
                allocation.open -
                bigintSum(parts.filter((part) => part.allocationId === allocation.allocationId).map((p) => p.amount)),
            }));
            // What stays spent is always a prefix of the allocations: the earliest spent lots.
            const firstOpen = open.findIndex((allocation) => allocation.open < amounts[allocation.allocationId]);
            if (firstOpen >= 0) {
              expect(open.slice(firstOpen + 1).every((allocation) => allocation.open === 0n)).toBe(true);
            }
            given += take;
          }
          expect(open.every((allocation) => allocation.open === 0n)).toBe(true);
        },
      ),
    );
  });
});
