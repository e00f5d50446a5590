import { priceCart } from '../checkout/price-cart';
import {
  cart,
  currency,
  discountPromotion,
  money,
  points,
  pointsPromotion,
} from '../checkout/test-support/cart-builder';
import { CommittedLine, ReturnFigures } from './committed-allocation';
import { linesAfterReturn, planAllocationReturn } from './plan-allocation-return';
import { promotionUnitShares } from './promotion-unit-shares';
import { committedLines, reevaluationOf } from './test-support/committed-lines';

const bonus = (amount: string) => [{ points_currency_eid: 'bonus', amount: points(amount) }];

describe('planAllocationReturn', () => {
  describe('E3: a partial return after discount and redemption, with rounding', () => {
    const input = cart({
      lines: [{ price: '33.33', count: 3 }],
      currencies: [currency({ eid: 'bonus', precision: 0 })],
      promotions: [
        discountPromotion(1, { kind: 'percent', value: '10', target: 'order' }),
        pointsPromotion(2, { kind: 'per_amount', value: '1', per: '1.00', points_currency_eid: 'bonus' }),
      ],
      member: { balances: { bonus: '5000' } },
      redeem: '2000',
    });
    const committed = committedLines(priceCart(input));

    it('returns unit 3 (the highest index): 23.33, 667 points back, 23 points cancelled', () => {
      expect(planAllocationReturn({ lines: committed, returns: [{ line: 0, units: 1 }], reevaluation: null })).toEqual({
        lines: [
          {
            line: 0,
            units: 1,
            firstUnit: 2,
            lastUnit: 2,
            money: money('23.33'),
            pointsReturned: points('667'),
            pointsReturnedValue: money('6.67'),
            pointsCancelled: bonus('23'),
            discountReturned: money('3.33'),
          },
        ],
        units: 1,
        moneyToRefund: money('23.33'),
        pointsReturned: points('667'),
        pointsReturnedValue: money('6.67'),
        pointsCancelled: bonus('23'),
        discountReturned: money('3.33'),
        discountClawedBack: 0n,
        clawbacks: [],
        brokenPromotions: [],
        orderFullyReturned: false,
      });
    });

    it('returns the other two next: in total 69.99, 2,000 points and 69 points, nothing left', () => {
      const first = planAllocationReturn({ lines: committed, returns: [{ line: 0, units: 1 }], reevaluation: null });
      const after = linesAfterReturn(committed, first);
      expect(after[0].unitsReturned).toBe(1);
      const second = planAllocationReturn({ lines: after, returns: [{ line: 0, units: 2 }], reevaluation: null });
      expect(second).toMatchObject({
        units: 2,
        lines: [expect.objectContaining({ firstUnit: 0, lastUnit: 1 })],
        moneyToRefund: money('46.66'),
        pointsReturned: points('1333'),
        pointsCancelled: bonus('46'),
        orderFullyReturned: true,
      });
      expect(first.moneyToRefund + second.moneyToRefund).toBe(money('69.99'));
      expect(first.pointsReturned + second.pointsReturned).toBe(points('2000'));
      expect(first.pointsCancelled[0].amount + second.pointsCancelled[0].amount).toBe(points('69'));
      expect(first.discountReturned + second.discountReturned).toBe(money('10.00'));
    });

    it('refuses more units than the line has left', () => {
      const after = linesAfterReturn(
        committed,
        planAllocationReturn({ lines: committed, returns: [{ line: 0, units: 2 }], reevaluation: null }),
      );
      expect(() =>
        planAllocationReturn({ lines: after, returns: [{ line: 0, units: 2 }], reevaluation: null }),
      ).toThrow('line 0 has 1 units left, 2 asked');
    });
  });

  describe('E9: a return that breaks a threshold', () => {
    const e9 = (policy: 'keep' | 'reevaluate') => {
      const input = cart({
        lines: [
          { price: '70.00', product: 'a' },
          { price: '50.00', product: 'b' },
        ],
        promotions: [
          discountPromotion(
            1,
            { kind: 'percent', value: '10', target: 'order' },
            { conditions: { field: 'goods_total', op: 'gte', value: '100.00' } },
          ),
        ],
      });
      return {
        input,
        lines: committedLines(priceCart(input)),
        reevaluation: reevaluationOf(input, policy === 'reevaluate' ? [1] : []),
      };
    };

    it('keep: returning B refunds 45.00 and A keeps its 7.00', () => {
      const { lines, reevaluation } = e9('keep');
      expect(planAllocationReturn({ lines, returns: [{ line: 1, units: 1 }], reevaluation })).toMatchObject({
        moneyToRefund: money('45.00'),
        discountReturned: money('5.00'),
        discountClawedBack: 0n,
        clawbacks: [],
      });
    });

    it("reevaluate: 70.00 no longer qualifies, A's 7.00 is clawed back, the refund is 38.00", () => {
      const { lines, reevaluation } = e9('reevaluate');
      const figures = planAllocationReturn({ lines, returns: [{ line: 1, units: 1 }], reevaluation });
      expect(figures).toMatchObject({
        moneyToRefund: money('38.00'),
        discountReturned: money('5.00'),
        discountClawedBack: money('7.00'),
        clawbacks: [{ line: 0, unit: 0, promotionId: 1, amount: money('7.00') }],
        brokenPromotions: [{ promotionId: 1, lines: [0] }],
      });
      // A returned later refunds what the buyer paid for it in the end: 63.00 + the 7.00 clawed back.
      const after = linesAfterReturn(lines, figures);
      expect(after[0].units[0].clawedBack).toBe(money('7.00'));
      expect(after[0].promotions[0].clawedBack).toBe(true);
      const rest = planAllocationReturn({ lines: after, returns: [{ line: 0, units: 1 }], reevaluation });
      expect(rest).toMatchObject({ moneyToRefund: money('70.00'), discountReturned: 0n, discountClawedBack: 0n });
      expect(figures.moneyToRefund + rest.moneyToRefund).toBe(money('108.00'));
    });

    it('reevaluate: a return that keeps the threshold claws nothing back', () => {
      const input = cart({
        lines: [
          { price: '70.00', count: 2 },
          { price: '50.00', count: 1 },
        ],
        promotions: [
          discountPromotion(
            1,
            { kind: 'percent', value: '10', target: 'order' },
            { conditions: { field: 'goods_total', op: 'gte', value: '100.00' } },
          ),
        ],
      });
      const figures = planAllocationReturn({
        lines: committedLines(priceCart(input)),
        returns: [{ line: 1, units: 1 }],
        reevaluation: reevaluationOf(input, [1]),
      });
      expect(figures).toMatchObject({ moneyToRefund: money('45.00'), discountClawedBack: 0n, brokenPromotions: [] });
    });
  });

  it('a line condition loses only the kept lines it no longer picks', () => {
    // 10 % on lines of a or b while the order has at least 3 items.
    const input = cart({
      lines: [
        { price: '10.00', product: 'a', count: 2 },
        { price: '20.00', product: 'b' },
        { price: '30.00', product: 'c' },
      ],
      promotions: [
        discountPromotion(
          1,
          { kind: 'percent', value: '10', target: 'lines' },
          {
            conditions: {
              all: [
                { field: 'line.product', op: 'in', value: ['a', 'b'] },
                { field: 'items_count', op: 'gte', value: 3 },
              ],
            },
          },
        ),
      ],
    });
    const lines = committedLines(priceCart(input));
    expect(lines.map((line) => line.units.map((unit) => unit.discount))).toEqual([
      [money('1.00'), money('1.00')],
      [money('2.00')],
      [0n],
    ]);
    // Returning c leaves 3 items: nothing breaks. Returning one a leaves 3 items too.
    const reevaluation = reevaluationOf(input, [1]);
    expect(planAllocationReturn({ lines, returns: [{ line: 2, units: 1 }], reevaluation }).clawbacks).toEqual([]);
    const afterA = planAllocationReturn({ lines, returns: [{ line: 0, units: 1 }], reevaluation });
    expect(afterA.clawbacks).toEqual([]);
    // Then returning c leaves 2 items: a's kept unit and b lose their discount.
    const next = planAllocationReturn({
      lines: linesAfterReturn(lines, afterA),
      returns: [{ line: 2, units: 1 }],
      reevaluation,
    });
    expect(next).toMatchObject({
      moneyToRefund: money('27.00'),
      discountClawedBack: money('3.00'),
      clawbacks: [
        { line: 0, unit: 0, promotionId: 1, amount: money('1.00') },
        { line: 1, unit: 0, promotionId: 1, amount: money('2.00') },
      ],
      brokenPromotions: [{ promotionId: 1, lines: [0, 1] }],
    });
  });

  it('cuts a clawback to the money refunded, so a refund is never negative', () => {
    const input = cart({
      lines: [
        { price: '200.00', product: 'big' },
        { price: '5.00', product: 'small' },
      ],
      promotions: [
        discountPromotion(
          1,
          { kind: 'fixed', value: '50.00', target: 'order' },
          { conditions: { field: 'items_count', op: 'gte', value: 2 } },
        ),
      ],
    });
    const lines = committedLines(priceCart(input));
    const figures = planAllocationReturn({
      lines,
      returns: [{ line: 1, units: 1 }],
      reevaluation: reevaluationOf(input, [1]),
    });
    const smallPaid = lines[1].units[0].paid;
    expect(figures.moneyToRefund).toBe(0n);
    expect(figures.discountClawedBack).toBe(smallPaid);
    expect(figures.brokenPromotions).toEqual([{ promotionId: 1, lines: [0] }]);
    // The share stays clawed back: the next return takes nothing more.
    const rest = planAllocationReturn({
      lines: linesAfterReturn(lines, figures),
      returns: [{ line: 0, units: 1 }],
      reevaluation: reevaluationOf(input, [1]),
    });
    expect(rest.discountClawedBack).toBe(0n);
    expect(figures.moneyToRefund + rest.moneyToRefund).toBe(lines[0].units[0].paid + smallPaid);
  });

  it('returns several lines at once (a whole-order cancellation) and adds the currencies up', () => {
    const lines: CommittedLine[] = [
      {
        unitsReturned: 1,
        promotions: [],
        units: [
          { discount: 0n, redeemedPoints: 100n, redeemedValue: 1n, paid: 10n, accrued: bonus('1'), clawedBack: 0n },
          { discount: 0n, redeemedPoints: 200n, redeemedValue: 2n, paid: 20n, accrued: bonus('2'), clawedBack: 0n },
        ],
      },
      {
        unitsReturned: 0,
        promotions: [],
        units: [
          {
            discount: 5n,
            redeemedPoints: 0n,
            redeemedValue: 0n,
            paid: 30n,
            accrued: [...bonus('3'), { points_currency_eid: 'qp', amount: 700n }],
            clawedBack: 0n,
          },
        ],
      },
    ];
    const figures: ReturnFigures = planAllocationReturn({
      lines,
      returns: [
        { line: 0, units: 1 },
        { line: 1, units: 1 },
      ],
      reevaluation: null,
    });
    expect(figures).toMatchObject({
      units: 2,
      moneyToRefund: 40n,
      pointsReturned: 100n,
      pointsCancelled: [
        { points_currency_eid: 'bonus', amount: points('4') },
        { points_currency_eid: 'qp', amount: 700n },
      ],
      discountReturned: 5n,
      orderFullyReturned: true,
    });
    expect(figures.lines.map((line) => [line.line, line.firstUnit, line.lastUnit])).toEqual([
      [0, 0, 0],
      [1, 0, 0],
    ]);
  });
});

describe('promotionUnitShares', () => {
  it('splits each promotion over the units in the order they acted, within each unit discount', () => {
    const unit = (discount: bigint) => ({
      discount,
      redeemedPoints: 0n,
      redeemedValue: 0n,
      paid: 0n,
      accrued: [],
      clawedBack: 0n,
    });
    const shares = promotionUnitShares({
      unitsReturned: 0,
      units: [unit(334n), unit(333n), unit(333n)],
      promotions: [
        { promotionId: 7, discount: 700n, clawedBack: false },
        { promotionId: 8, discount: 300n, clawedBack: false },
      ],
    });
    expect(shares.get(7)).toEqual([234n, 233n, 233n]);
    expect(shares.get(8)).toEqual([100n, 100n, 100n]);
  });
});
