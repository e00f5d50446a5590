import { priceCart } from './price-cart';
import { CartCalculation, LineCalculation } from './pricing-types';
import {
  cart,
  currency,
  discountPromotion,
  money,
  partner,
  points,
  pointsPromotion,
} from './test-support/cart-builder';

/** The worked examples of spec/examples.md, with their exact numbers. */

const line = (calculation: CartCalculation, index = 0): LineCalculation => {
  const found = calculation.lines[index];
  if (found === undefined) {
    throw new Error(`no line ${index}`);
  }
  return found;
};
const accruedOf = (calculation: CartCalculation, eid = 'bonus') =>
  calculation.accrued.find((entry) => entry.points_currency_eid === eid)?.amount ?? 0n;
const unitsOf = (calculation: CartCalculation, pick: (unit: LineCalculation['units'][number]) => bigint, index = 0) =>
  line(calculation, index).units.map(pick);

describe('E1: redemption capped by a share of the eligible amount', () => {
  const e1 = (
    priceA: string,
    redeem: string,
    extra: Parameters<typeof cart>[0]['redemption'] = {},
    balance = '5000.00',
  ) =>
    priceCart(
      cart({
        lines: [
          { price: priceA, product: 'own' },
          { price: '40.00', product: 'partner_item' },
        ],
        delivery: '10.00',
        redemption: { maxSharePercent: '30', ...extra },
        partners: [partner(1, { products: ['partner_item'] }, { redemption_allowed: false })],
        member: { balances: { bonus: balance } },
        redeem,
      }),
    );

  it('caps 2,500 points at 30 % of the 60.00 eligible (B and delivery excluded): 1,800.00, final 92.00', () => {
    const result = e1('60.00', '2500');
    expect(result.totalPrice).toBe(money('110.00'));
    expect(result.redemption).toMatchObject({
      requested: points('2500'),
      maxAllowed: points('1800.00'),
      applied: points('1800.00'),
      appliedValue: money('18.00'),
      limitedBy: 'SHARE_CAP',
      points_currency_eid: 'bonus',
    });
    expect(result.finalTotal).toBe(money('92.00'));
    expect(line(result, 1).redeemedPoints).toBe(0n);
  });

  it('keeps the fraction of the cap: 17.991 → 1,799.10 → 1,799.00 whole kopecks → 1,700.00 at step 100', () => {
    const result = e1('59.97', '2500', { step: '100' });
    expect(result.redemption).toMatchObject({
      maxAllowed: points('1700.00'),
      applied: points('1700.00'),
      limitedBy: 'SHARE_CAP',
    });
  });

  it('"max" with 900.00 on the account redeems 900.00, limited by the balance', () => {
    const result = e1('60.00', 'max', {}, '900.00');
    expect(result.redemption).toMatchObject({
      requested: 'max',
      maxAllowed: points('900.00'),
      applied: points('900.00'),
      limitedBy: 'BALANCE',
    });
  });
});

describe('E2: what points are earned on', () => {
  const e2 = (base: string) =>
    priceCart(
      cart({
        lines: [{ price: '100.00' }],
        promotions: [
          discountPromotion(1, { kind: 'percent', value: '20', target: 'lines' }),
          pointsPromotion(2, { kind: 'per_amount', value: '1', per: '1.00', base, points_currency_eid: 'bonus' }),
        ],
        member: { balances: { bonus: '10000.00' } },
        redeem: '3000',
      }),
    );

  it.each([
    ['paid', '50.00'],
    ['discounted', '80.00'],
    ['list', '100.00'],
  ])('base "%s" earns %s points', (base, expected) => {
    const result = e2(base);
    expect(result.discountTotal).toBe(money('20.00'));
    expect(result.pointsRedeemedValue).toBe(money('30.00'));
    expect(result.finalTotal).toBe(money('50.00'));
    expect(accruedOf(result)).toBe(points(expected));
  });

  it('partner cashback 5 % of a paid 20.00 gives 100.00 points, partner-funded', () => {
    const result = priceCart(
      cart({
        lines: [{ price: '20.00', product: 'gadget' }],
        partners: [partner(1, { products: ['gadget'] }, { cashback_percent: '5' })],
      }),
    );
    expect(result.accrued).toEqual([
      { points_currency_eid: 'bonus', amount: points('100.00'), partnerFunded: points('100.00') },
    ]);
    expect(line(result).partnerId).toBe(1);
    expect(line(result).partnerAccrued).toEqual([{ points_currency_eid: 'bonus', amount: points('100.00') }]);
  });
});

describe('E3: rounding in the allocation to units', () => {
  const wholePoints = currency({ eid: 'bonus', precision: 0 });

  it('splits the discount, the redemption and the accrual over 3 × 33.33', () => {
    const result = priceCart(
      cart({
        lines: [{ price: '33.33', count: 3 }],
        currencies: [wholePoints],
        promotions: [
          discountPromotion(1, { kind: 'percent', value: '10', target: 'order' }),
          pointsPromotion(2, { kind: 'per_amount', value: '1', per: '1.00', points_currency_eid: 'bonus' }),
        ],
        member: { balances: { bonus: '5000' } },
        redeem: '2000',
      }),
    );
    expect(result.discountTotal).toBe(money('10.00'));
    expect(unitsOf(result, (unit) => unit.discount)).toEqual(['3.34', '3.33', '3.33'].map(money));
    expect(result.pointsRedeemed).toBe(points('2000'));
    expect(unitsOf(result, (unit) => unit.redeemedPoints)).toEqual(['666', '667', '667'].map(points));
    expect(unitsOf(result, (unit) => unit.redeemedValue)).toEqual(['6.66', '6.67', '6.67'].map(money));
    expect(unitsOf(result, (unit) => unit.paid)).toEqual(['23.33', '23.33', '23.33'].map(money));
    expect(result.finalTotal).toBe(money('69.99'));
    expect(accruedOf(result)).toBe(points('69'));
    expect(line(result).units.map((unit) => unit.accrued)).toEqual(
      [0, 1, 2].map(() => [{ points_currency_eid: 'bonus', amount: points('23') }]),
    );
  });

  it('10 % on an order of two lines of 33.33: 6.67, split 3.34 / 3.33', () => {
    const result = priceCart(
      cart({
        lines: [{ price: '33.33' }, { price: '33.33' }],
        promotions: [discountPromotion(1, { kind: 'percent', value: '10', target: 'order' })],
      }),
    );
    expect(result.discountTotal).toBe(money('6.67'));
    expect(result.lines.map((entry) => entry.discount)).toEqual([money('3.34'), money('3.33')]);
  });
});

describe('E4: stacking order', () => {
  const tenPercent = { kind: 'percent', value: '10', target: 'lines' };
  const tenOff = { kind: 'fixed', value: '10.00', target: 'lines' };
  const final = (price: string, ...promotions: Parameters<typeof cart>[0]['promotions'] & object) =>
    priceCart(cart({ lines: [{ price }], promotions }));

  it('10 % (priority 2) then 10.00 off (priority 1): 105.00 → 94.50 → 84.50', () => {
    const result = final(
      '105.00',
      discountPromotion(1, tenPercent, { priority: 2 }),
      discountPromotion(2, tenOff, { priority: 1 }),
    );
    expect(result.finalTotal).toBe(money('84.50'));
    expect(line(result).promotions.map((share) => share.discount)).toEqual([money('10.50'), money('10.00')]);
  });

  it('priorities swapped: 105.00 → 95.00 → 85.50', () => {
    const result = final(
      '105.00',
      discountPromotion(1, tenPercent, { priority: 1 }),
      discountPromotion(2, tenOff, { priority: 2 }),
    );
    expect(result.finalTotal).toBe(money('85.50'));
  });

  it('two combinable 10 % on 100.00: 81.00, not 80.00', () => {
    const result = final('100.00', discountPromotion(1, tenPercent), discountPromotion(2, tenPercent));
    expect(result.finalTotal).toBe(money('81.00'));
  });

  it('P1 exclusive (priority 2), P2 combinable (priority 1): 94.50 and P2 EXCLUDED_BY_PRIORITY', () => {
    const result = final(
      '105.00',
      discountPromotion(1, tenPercent, { priority: 2, stacking: 'exclusive' }),
      discountPromotion(2, tenOff, { priority: 1 }),
    );
    expect(result.finalTotal).toBe(money('94.50'));
    expect(result.applied.map((applied) => applied.promotionId)).toEqual([1]);
    expect(result.rejected).toEqual([{ promotionId: 2, externalId: 'promo_2', reason: 'EXCLUDED_BY_PRIORITY' }]);
  });
});

describe('E7: the documented checkout example', () => {
  const e7 = (endpoint: string) =>
    priceCart(
      cart({
        endpoint,
        lines: [{ price: '1100.00', count: 2, product: 'iphone17', sku: 'iphone17-256-black' }],
        delivery: '300.00',
        currencies: [currency({ eid: 'bonus', pointValue: '1.00' })],
        redemption: { maxSharePercent: '30' },
        promotions: [
          discountPromotion(
            7,
            { kind: 'percent', value: '10', target: 'order' },
            { externalId: 'online10', conditions: { field: 'endpoint', op: 'eq', value: 'website' } },
          ),
          pointsPromotion(8, { kind: 'percent', value: '5', base: 'paid', points_currency_eid: 'bonus' }),
        ],
        member: { balances: { bonus: '500.00' } },
        redeem: '130',
      }),
    );

  it('from the website: discount 220.00, redeemed 130.00, final 2150.00, 925.00 per item, 92.50 accrued', () => {
    const result = e7('website');
    expect(result.totalPrice).toBe(money('2500.00'));
    expect(result.goodsTotal).toBe(money('2200.00'));
    expect(result.discountTotal).toBe(money('220.00'));
    expect(result.pointsRedeemed).toBe(points('130.00'));
    expect(result.pointsRedeemedValue).toBe(money('130.00'));
    expect(result.finalTotal).toBe(money('2150.00'));
    expect(line(result).finalPricePerItem).toBe(money('925.00'));
    expect(accruedOf(result)).toBe(points('92.50'));
    expect(result.redemption.limitedBy).toBeNull();
    expect(result.applied.map((applied) => [applied.externalId, applied.discount])).toEqual([
      ['online10', money('220.00')],
      ['promo_8', 0n],
    ]);
  });

  it('from the shop: no discount, redeemed 130.00, final 2370.00, 103.50 accrued', () => {
    const result = e7('shop');
    expect(result.discountTotal).toBe(0n);
    expect(result.pointsRedeemed).toBe(points('130.00'));
    expect(result.finalTotal).toBe(money('2370.00'));
    expect(accruedOf(result)).toBe(points('103.50'));
    expect(result.rejected).toEqual([{ promotionId: 7, externalId: 'online10', reason: 'CONDITIONS_NOT_MET' }]);
  });
});

describe('E9: an order discount split over its lines', () => {
  it('10 % on goods_total ≥ 100.00 over 70.00 and 50.00: 7.00 / 5.00, paid 108.00', () => {
    const result = priceCart(
      cart({
        lines: [{ price: '70.00' }, { price: '50.00' }],
        promotions: [
          discountPromotion(
            1,
            { kind: 'percent', value: '10', target: 'order' },
            { conditions: { field: 'goods_total', op: 'gte', value: '100.00' } },
          ),
        ],
      }),
    );
    expect(result.lines.map((entry) => entry.discount)).toEqual([money('7.00'), money('5.00')]);
    expect(result.discountTotal).toBe(money('12.00'));
    expect(result.finalTotal).toBe(money('108.00'));
  });
});
