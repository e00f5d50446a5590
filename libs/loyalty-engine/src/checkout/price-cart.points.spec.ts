import { priceCart } from './price-cart';
import { CartCalculation } from './pricing-types';
import {
  BONUS,
  cart,
  CartSpec,
  currency,
  discountPromotion,
  money,
  partner,
  points,
  pointsPromotion,
  productsCondition,
} from './test-support/cart-builder';

const price = (spec: CartSpec) => priceCart(cart(spec));
const accrued = (result: CartCalculation, eid = 'bonus') =>
  result.accrued.find((entry) => entry.points_currency_eid === eid)?.amount ?? 0n;
const fivePercent = { kind: 'percent', value: '5', points_currency_eid: 'bonus' };
const qp = currency({ eid: 'qp', type: 'qualification', pointValue: '1.00', precision: 0 });

describe('accrual', () => {
  it('rounds down per line, then sums', () => {
    const result = price({
      lines: [{ price: '33.33' }, { price: '33.33' }, { price: '33.33' }],
      currencies: [currency({ eid: 'bonus', pointValue: '1.00' })],
      promotions: [pointsPromotion(1, { kind: 'percent', value: '1', points_currency_eid: 'bonus' })],
    });
    expect(result.lines.map((line) => line.accrued[0]?.amount)).toEqual([33n, 33n, 33n]);
    expect(accrued(result)).toBe(points('0.99'));
  });

  it('fixed_per_item gives the points for every unit, rounded down to the precision', () => {
    const accrual = { kind: 'fixed_per_item', value: '2.50', points_currency_eid: 'bonus' };
    const spec = { lines: [{ price: '10.00', count: 3 }], promotions: [pointsPromotion(1, accrual)] };
    expect(accrued(price(spec))).toBe(points('7.50'));
    expect(accrued(price({ ...spec, currencies: [currency({ eid: 'bonus', precision: 0 })] }))).toBe(points('7'));
  });

  it('fixed_per_order splits its points over the promotion lines by what they pay, whole points at precision 0', () => {
    const accrual = { kind: 'fixed_per_order', value: '100', points_currency_eid: 'bonus' };
    const paid = price({ lines: [{ price: '70.00' }, { price: '30.00' }], promotions: [pointsPromotion(1, accrual)] });
    expect(paid.lines.map((line) => line.accrued[0]?.amount)).toEqual([points('70'), points('30')]);
    const whole = price({
      lines: [{ price: '10.00' }, { price: '10.00' }, { price: '10.00' }],
      currencies: [currency({ eid: 'bonus', precision: 0 })],
      promotions: [pointsPromotion(1, { ...accrual, value: '10' })],
    });
    expect(whole.lines.map((line) => line.accrued[0]?.amount)).toEqual([points('4'), points('3'), points('3')]);
  });

  it('a multiplier adds points × (factor − 1) to what the other promotions give on its lines', () => {
    const result = price({
      lines: [
        { price: '100.00', product: 'tea' },
        { price: '100.00', product: 'cup' },
      ],
      promotions: [
        pointsPromotion(1, fivePercent),
        pointsPromotion(
          2,
          { kind: 'multiplier', value: '2', points_currency_eid: 'bonus' },
          { conditions: productsCondition('tea') },
        ),
        pointsPromotion(
          3,
          { kind: 'multiplier', value: '3', points_currency_eid: 'bonus' },
          { conditions: productsCondition('tea') },
        ),
      ],
    });
    expect(result.lines.map((line) => line.accrued[0]?.amount)).toEqual([points('2000'), points('500')]);
    expect(result.applied.map((applied) => [applied.promotionId, applied.accrued[0]?.amount])).toEqual([
      [1, points('1000')],
      [2, points('500')],
      [3, points('1000')],
    ]);
  });

  it('a multiplier with nothing to multiply has no effect', () => {
    const result = price({
      lines: [{ price: '100.00' }],
      promotions: [pointsPromotion(2, { kind: 'multiplier', value: '2', points_currency_eid: 'bonus' })],
    });
    expect(result.rejected.map((rejected) => rejected.reason)).toEqual(['NO_EFFECT']);
  });

  it('cuts a points promotion to what is left of its budget (hundredths)', () => {
    const result = price({
      lines: [{ price: '100.00' }, { price: '100.00' }],
      promotions: [pointsPromotion(1, fivePercent, { limits: { budgetLeft: points('250.00') } })],
    });
    expect(accrued(result)).toBe(points('250.00'));
    expect(result.lines.map((line) => line.accrued[0]?.amount)).toEqual([points('125.00'), points('125.00')]);
  });

  it('a qualification currency accrues qualification points through its promotions only', () => {
    const result = price({
      lines: [{ price: '1000.00', product: 'gadget' }],
      currencies: [BONUS, qp],
      promotions: [
        pointsPromotion(1, { kind: 'per_amount', value: '1', per: '100.00', points_currency_eid: 'qp' }),
        pointsPromotion(2, fivePercent),
      ],
      partners: [partner(1, { products: ['gadget'] }, { cashback_percent: '1', points_multiplier: '2' })],
    });
    expect(result.accrued).toEqual([
      { points_currency_eid: 'bonus', amount: points('11000.00'), partnerFunded: points('6000.00') },
      { points_currency_eid: 'qp', amount: points('10'), partnerFunded: 0n },
    ]);
  });

  it('partner terms: the multiplier extra and the cashback are partner-funded; the cashback is not multiplied', () => {
    const result = price({
      lines: [{ price: '100.00', product: 'gadget' }],
      promotions: [pointsPromotion(1, fivePercent)],
      partners: [partner(1, { products: ['gadget'] }, { cashback_percent: '1', points_multiplier: '2' })],
    });
    expect(result.accrued).toEqual([
      { points_currency_eid: 'bonus', amount: points('1100.00'), partnerFunded: points('600.00') },
    ]);
    expect(result.lines[0]?.promotions).toEqual([
      { promotionId: 1, discount: 0n, accrued: [{ points_currency_eid: 'bonus', amount: points('500.00') }] },
    ]);
  });

  it('a non-member earns nothing, not even partner cashback, and asking for points is NOT_ALLOWED', () => {
    const result = price({
      lines: [{ price: '100.00', product: 'gadget' }],
      member: null,
      promotions: [
        pointsPromotion(1, fivePercent),
        discountPromotion(2, { kind: 'percent', value: '10', target: 'lines' }),
      ],
      partners: [partner(1, { products: ['gadget'] }, { cashback_percent: '5' })],
      redeem: '100',
    });
    expect(result.accrued).toEqual([]);
    expect(result.discountTotal).toBe(money('10.00'));
    expect(result.redemption).toMatchObject({ applied: 0n, maxAllowed: 0n, limitedBy: 'NOT_ALLOWED' });
    expect(result.rejected.map((rejected) => [rejected.promotionId, rejected.reason])).toEqual([
      [1, 'CONDITIONS_NOT_MET'],
    ]);
  });

  it('best_for_customer counts accrued points at their point value as benefit', () => {
    const result = price({
      lines: [{ price: '100.00' }],
      arbitration: { mode: 'best_for_customer' },
      promotions: [
        discountPromotion(1, { kind: 'percent', value: '10', target: 'lines' }, { stacking: 'exclusive', priority: 9 }),
        pointsPromotion(2, { kind: 'percent', value: '20', points_currency_eid: 'bonus' }, { stacking: 'exclusive' }),
      ],
    });
    expect(result.discountTotal).toBe(0n);
    expect(accrued(result)).toBe(points('2000.00'));
    expect(result.rejected.map((rejected) => [rejected.promotionId, rejected.reason])).toEqual([
      [1, 'EXCLUDED_BY_PRIORITY'],
    ]);
  });
});

describe('redemption', () => {
  const redeem = (spec: Partial<CartSpec> & { redeem: CartSpec['redeem'] }) =>
    price({ lines: [{ price: '100.00' }], member: { balances: { bonus: '50000.00' } }, ...spec }).redemption;

  it('absent: requested 0, applied 0, not limited, and max_allowed still says what "max" would get', () => {
    expect(redeem({ redeem: null })).toEqual({
      requested: 0n,
      maxAllowed: points('10000.00'),
      applied: 0n,
      appliedValue: 0n,
      limitedBy: null,
      points_currency_eid: 'bonus',
    });
  });

  it('NOT_ALLOWED when redemption is off or the currency is a qualification one', () => {
    expect(redeem({ redeem: '10', redemption: { enabled: false } }).limitedBy).toBe('NOT_ALLOWED');
    const withQp = { currencies: [BONUS, qp], redemptionCurrency: 'qp', redeem: '10' };
    expect(redeem(withQp)).toMatchObject({ applied: 0n, limitedBy: 'NOT_ALLOWED', points_currency_eid: 'qp' });
  });

  it('MIN_PRICE when the line floors are the tightest limit', () => {
    const result = redeem({ lines: [{ price: '100.00', floor: '90.00' }], redeem: '2000' });
    expect(result).toMatchObject({ applied: points('1000.00'), maxAllowed: points('1000.00'), limitedBy: 'MIN_PRICE' });
  });

  it('STEP and MIN_REDEEM when only rounding cut the request', () => {
    expect(redeem({ redeem: '150', redemption: { step: '100' } })).toMatchObject({
      applied: points('100'),
      limitedBy: 'STEP',
    });
    expect(redeem({ redeem: '50', redemption: { minRedeem: '100' } })).toMatchObject({
      applied: 0n,
      limitedBy: 'MIN_REDEEM',
    });
    const halfKopeck = { currencies: [currency({ eid: 'bonus', pointValue: '0.50' })], redeem: '1.01' };
    expect(redeem(halfKopeck)).toMatchObject({
      applied: points('1.00'),
      appliedValue: money('0.50'),
      limitedBy: 'STEP',
    });
  });

  it('a limit below min_redeem names the limit and redeems nothing', () => {
    const result = redeem({
      member: { balances: { bonus: '50.00' } },
      redeem: 'max',
      redemption: { minRedeem: '100' },
    });
    expect(result).toMatchObject({ applied: 0n, maxAllowed: 0n, limitedBy: 'BALANCE' });
  });

  it("a points promotion's redemption block overrides the share on its lines; the highest of several wins", () => {
    const result = price({
      lines: [
        { price: '100.00', product: 'tea' },
        { price: '100.00', product: 'cup' },
      ],
      redemption: { maxSharePercent: '10' },
      promotions: [
        pointsPromotion(1, null, { redemption: { max_share_percent: '50' }, conditions: productsCondition('tea') }),
        pointsPromotion(2, null, { redemption: { max_share_percent: '30' } }),
      ],
      member: { balances: { bonus: '50000.00' } },
      redeem: 'max',
    });
    expect(result.redemption).toMatchObject({ applied: points('8000.00'), limitedBy: 'SHARE_CAP' });
    expect(result.applied.map((applied) => [applied.promotionId, applied.redeemedPoints])).toEqual([
      [1, points('4000.00')],
      [2, points('4000.00')],
    ]);
  });

  it('splits over the lines by what they have above their floors, whole points at precision 0', () => {
    const result = price({
      lines: [{ price: '100.00' }, { price: '100.00', floor: '95.00' }],
      currencies: [currency({ eid: 'bonus', precision: 0 })],
      member: { balances: { bonus: '50000' } },
      redeem: '10500',
    });
    expect(result.lines.map((line) => [line.redeemedPoints, line.redeemedValue])).toEqual([
      [points('10000'), money('100.00')],
      [points('500'), money('5.00')],
    ]);
  });
});
