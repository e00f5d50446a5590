import { priceCart } from './price-cart';
import { CartSpec, cart, discountPromotion, money, partner, productsCondition } from './test-support/cart-builder';

const percent = (value: string, target = 'lines', extra: object = {}) => ({ kind: 'percent', value, target, ...extra });
const price = (spec: CartSpec) => priceCart(cart(spec));
const lineDiscounts = (spec: CartSpec) => price(spec).lines.map((line) => line.discount);

describe('discount kinds and targets', () => {
  it('fixed_per_item takes the amount off every unit', () => {
    const result = price({
      lines: [{ price: '50.00', count: 2 }],
      promotions: [discountPromotion(1, { kind: 'fixed_per_item', value: '5.00', target: 'lines' })],
    });
    expect(result.discountTotal).toBe(money('10.00'));
    expect(result.lines[0]?.units.map((unit) => unit.discount)).toEqual([money('5.00'), money('5.00')]);
  });

  it('fixed_price makes every unit cost the amount', () => {
    const result = price({
      lines: [{ price: '40.00', count: 3 }],
      promotions: [discountPromotion(1, { kind: 'fixed_price', value: '25.00', target: 'lines' })],
    });
    expect(result.discountTotal).toBe(money('45.00'));
    expect(result.lines[0]?.finalPricePerItem).toBe(money('25.00'));
  });

  it('fixed on lines takes the amount off each matching line; on the order, splits it', () => {
    const lines = [{ price: '60.00' }, { price: '30.00' }];
    expect(
      lineDiscounts({ lines, promotions: [discountPromotion(1, { kind: 'fixed', value: '9.00', target: 'lines' })] }),
    ).toEqual([money('9.00'), money('9.00')]);
    expect(
      lineDiscounts({ lines, promotions: [discountPromotion(1, { kind: 'fixed', value: '9.00', target: 'order' })] }),
    ).toEqual([money('6.00'), money('3.00')]);
  });

  it('a line condition limits the promotion to the matching lines', () => {
    const discounts = lineDiscounts({
      lines: [
        { price: '100.00', product: 'tea' },
        { price: '100.00', product: 'cup' },
      ],
      promotions: [discountPromotion(1, percent('10'), { conditions: productsCondition('tea') })],
    });
    expect(discounts).toEqual([money('10.00'), 0n]);
  });

  describe('target "delivery"', () => {
    const delivery = (discount: object) =>
      price({ lines: [{ price: '100.00' }], delivery: '300.00', promotions: [discountPromotion(1, discount)] });

    it.each([
      [{ kind: 'percent', value: '50', target: 'delivery' }, '150.00'],
      [{ kind: 'fixed', value: '500.00', target: 'delivery' }, '300.00'],
      [{ kind: 'fixed_price', value: '99.00', target: 'delivery' }, '201.00'],
    ])('%j takes %s off the delivery and nothing off the goods', (discount, expected) => {
      const result = delivery(discount);
      expect(result.deliveryDiscount).toBe(money(expected));
      expect(result.discountTotal).toBe(money(expected));
      expect(result.lines[0]?.discount).toBe(0n);
      expect(result.finalTotal).toBe(money('400.00') - money(expected));
    });

    it('the delivery is never discounted by a goods promotion', () => {
      const result = price({
        lines: [{ price: '100.00' }],
        delivery: '300.00',
        promotions: [discountPromotion(1, percent('10', 'order'))],
      });
      expect(result.deliveryDiscount).toBe(0n);
      expect(result.discountTotal).toBe(money('10.00'));
    });

    it('an exclusive goods promotion does not keep a delivery promotion off (arbitration is per line)', () => {
      const result = price({
        lines: [{ price: '100.00' }],
        delivery: '300.00',
        promotions: [
          discountPromotion(1, percent('10'), { stacking: 'exclusive', priority: 9 }),
          discountPromotion(2, { kind: 'fixed_price', value: '0.00', target: 'delivery' }),
        ],
      });
      expect(result.discountTotal).toBe(money('310.00'));
    });
  });
});

describe('floors, caps and budgets', () => {
  it('a line never drops below floor × count: the discount is cut to it', () => {
    const result = price({
      lines: [{ price: '50.00', count: 2, floor: '45.00' }],
      promotions: [discountPromotion(1, percent('20'))],
    });
    expect(result.discountTotal).toBe(money('10.00'));
    expect(result.lines[0]?.units.map((unit) => unit.paid)).toEqual([money('45.00'), money('45.00')]);
  });

  it('what a line at its floor cannot take of an order discount goes to the other lines', () => {
    const discounts = lineDiscounts({
      lines: [{ price: '100.00', floor: '95.00' }, { price: '100.00' }],
      promotions: [discountPromotion(1, { kind: 'fixed', value: '30.00', target: 'order' })],
    });
    expect(discounts).toEqual([money('5.00'), money('25.00')]);
  });

  it('max_discount caps the promotion on the cart, split over its lines by their amounts', () => {
    const lines = [{ price: '600.00' }, { price: '400.00' }];
    for (const target of ['order', 'lines']) {
      const discounts = lineDiscounts({
        lines,
        promotions: [discountPromotion(1, percent('10', target, { max_discount: '50.00' }))],
      });
      expect(discounts).toEqual([money('30.00'), money('20.00')]);
    }
  });

  it('max_discount_percent caps the combined discount of a line', () => {
    const result = price({
      lines: [{ price: '100.00' }],
      arbitration: { maxDiscountPercent: '15' },
      promotions: [discountPromotion(1, percent('10')), discountPromotion(2, percent('10'))],
    });
    expect(result.lines[0]?.promotions.map((share) => share.discount)).toEqual([money('10.00'), money('5.00')]);
    expect(result.finalTotal).toBe(money('85.00'));
  });

  it('a discount larger than what is left of the budget is cut to it', () => {
    const result = price({
      lines: [{ price: '100.00' }],
      promotions: [discountPromotion(1, percent('10'), { limits: { budgetLeft: money('7.00') } })],
    });
    expect(result.discountTotal).toBe(money('7.00'));
    expect(result.applied[0]?.discount).toBe(money('7.00'));
  });
});

describe('partner discount_percent', () => {
  it('applies after every promotion, on the running amount, even after an exclusive one', () => {
    const result = price({
      lines: [{ price: '100.00', product: 'gadget' }],
      promotions: [discountPromotion(1, percent('10'), { stacking: 'exclusive' })],
      partners: [partner(4, { products: ['gadget'] }, { discount_percent: '10' })],
    });
    const line = result.lines[0];
    expect(line?.discount).toBe(money('19.00'));
    expect(line?.partnerDiscount).toBe(money('9.00'));
    expect(line?.promotions).toEqual([{ promotionId: 1, discount: money('10.00'), accrued: [] }]);
  });

  it('matches lines by product, SKU, category with its sub-categories, or product segment; the lowest id wins', () => {
    const result = price({
      lines: [
        { price: '100.00', product: 'a' },
        { price: '100.00', product: 'b', sku: 'b-red' },
        { price: '100.00', product: 'c', categories: ['sneakers'] },
        { price: '100.00', product: 'd' },
        { price: '100.00', product: 'e' },
        { price: '100.00', product: 'a', known: false },
      ],
      categories: [
        { externalId: 'shoes', parentExternalId: null },
        { externalId: 'sneakers', parentExternalId: 'shoes' },
      ],
      productSegments: { 12: ['d'] },
      partners: [
        partner(9, { products: ['a', 'b'] }),
        partner(2, { products: ['a'] }),
        partner(3, { skus: ['b-red'], categories: ['shoes'], segments: [12] }),
      ],
    });
    expect(result.lines.map((line) => line.partnerId)).toEqual([2, 3, 3, 3, null, null]);
  });
});

describe('arbitration', () => {
  const tea = { price: '100.00', product: 'tea' };
  const cup = { price: '100.00', product: 'cup' };

  it('priority: an exclusive promotion closes only its own lines', () => {
    const result = price({
      lines: [tea, cup],
      promotions: [
        discountPromotion(1, percent('20'), {
          priority: 2,
          stacking: 'exclusive',
          conditions: productsCondition('tea'),
        }),
        discountPromotion(2, percent('10'), { priority: 1 }),
      ],
    });
    expect(result.lines.map((line) => line.discount)).toEqual([money('20.00'), money('10.00')]);
    expect(result.applied.map((applied) => applied.promotionId)).toEqual([1, 2]);
    expect(result.rejected).toEqual([]);
  });

  it('priority: an exclusive promotion does not apply where a promotion already did', () => {
    const result = price({
      lines: [tea],
      promotions: [
        discountPromotion(1, percent('10'), { priority: 2 }),
        discountPromotion(2, percent('20'), { priority: 1, stacking: 'exclusive' }),
      ],
    });
    expect(result.finalTotal).toBe(money('90.00'));
    expect(result.rejected.map((rejected) => rejected.reason)).toEqual(['EXCLUDED_BY_PRIORITY']);
  });

  it('priority: an exclusive promotion that takes nothing off a line does not close it', () => {
    const result = price({
      lines: [tea],
      promotions: [
        discountPromotion(
          1,
          { kind: 'fixed_price', value: '200.00', target: 'lines' },
          { priority: 2, stacking: 'exclusive' },
        ),
        discountPromotion(2, percent('20'), { priority: 1, stacking: 'exclusive' }),
      ],
    });
    expect(result.finalTotal).toBe(money('80.00'));
    expect(result.rejected.map((rejected) => [rejected.promotionId, rejected.reason])).toEqual([[1, 'NO_EFFECT']]);
  });

  describe('best_for_customer', () => {
    const best = { mode: 'best_for_customer' as const };

    it('takes the exclusive promotion with the largest benefit, then stacks the combinable ones', () => {
      const result = price({
        lines: [tea],
        arbitration: best,
        promotions: [
          discountPromotion(1, percent('10'), { priority: 5, stacking: 'exclusive' }),
          discountPromotion(
            2,
            { kind: 'fixed', value: '15.00', target: 'lines' },
            { priority: 1, stacking: 'exclusive' },
          ),
          discountPromotion(3, percent('5'), { priority: 3 }),
        ],
      });
      expect(result.finalTotal).toBe(money('80.75'));
      expect(result.applied.map((applied) => applied.promotionId)).toEqual([2, 3]);
      expect(result.rejected).toEqual([{ promotionId: 1, externalId: 'promo_1', reason: 'EXCLUDED_BY_PRIORITY' }]);
    });

    it('the same promotions by priority give the higher priority its way', () => {
      const result = price({
        lines: [tea],
        promotions: [
          discountPromotion(1, percent('10'), { priority: 5, stacking: 'exclusive' }),
          discountPromotion(
            2,
            { kind: 'fixed', value: '15.00', target: 'lines' },
            { priority: 1, stacking: 'exclusive' },
          ),
          discountPromotion(3, percent('5'), { priority: 3 }),
        ],
      });
      expect(result.finalTotal).toBe(money('90.00'));
    });

    it('decides line by line', () => {
      const result = price({
        lines: [tea, { price: '20.00', product: 'cup' }],
        arbitration: best,
        promotions: [
          discountPromotion(1, percent('10'), { stacking: 'exclusive' }),
          discountPromotion(2, { kind: 'fixed', value: '5.00', target: 'lines' }, { stacking: 'exclusive' }),
        ],
      });
      expect(result.lines.map((line) => line.discount)).toEqual([money('10.00'), money('5.00')]);
      expect(result.applied.map((applied) => applied.promotionId)).toEqual([1, 2]);
    });

    it('a tie goes to the higher priority, then to the lower id', () => {
      const tie = (priorities: [number, number]) =>
        price({
          lines: [tea],
          arbitration: best,
          promotions: [
            discountPromotion(1, percent('10'), { priority: priorities[0], stacking: 'exclusive' }),
            discountPromotion(
              2,
              { kind: 'fixed', value: '10.00', target: 'lines' },
              { priority: priorities[1], stacking: 'exclusive' },
            ),
          ],
        }).applied.map((applied) => applied.promotionId);
      expect(tie([1, 2])).toEqual([2]);
      expect(tie([2, 1])).toEqual([1]);
      expect(tie([0, 0])).toEqual([1]);
    });
  });
});
