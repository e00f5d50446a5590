import { priceCart } from './price-cart';
import { QuoteFigures } from './pricing-types';
import { canonicalQuoteText, quoteFigures } from './quote-figures';
import { BONUS, cart, currency, discountPromotion, money, points, pointsPromotion } from './test-support/cart-builder';

describe('quoteFigures', () => {
  it('takes the final total, the points redeemed, accrued points by currency and the applied promotion ids, sorted', () => {
    const calculation = priceCart(
      cart({
        lines: [{ price: '100.00' }],
        currencies: [currency({ eid: 'zeta' }), BONUS],
        promotions: [
          pointsPromotion(9, { kind: 'percent', value: '1', points_currency_eid: 'zeta' }, { currencies: ['zeta'] }),
          discountPromotion(4, { kind: 'percent', value: '10', target: 'lines' }, { priority: 3 }),
          pointsPromotion(2, { kind: 'percent', value: '1', points_currency_eid: 'bonus' }),
        ],
        member: { balances: { zeta: '100.00' } },
        redeem: '100',
      }),
    );
    expect(quoteFigures(calculation)).toEqual({
      finalTotal: money('89.00'),
      pointsRedeemed: points('100.00'),
      accrued: [
        { points_currency_eid: 'bonus', amount: points('89.00') },
        { points_currency_eid: 'zeta', amount: points('89.00') },
      ],
      appliedPromotionIds: [2, 4, 9],
    });
  });
});

describe('canonicalQuoteText', () => {
  const figures: QuoteFigures = {
    finalTotal: 215000n,
    pointsRedeemed: 13000n,
    accrued: [
      { points_currency_eid: 'qp', amount: 100n },
      { points_currency_eid: 'bonus', amount: 9250n },
    ],
    appliedPromotionIds: [9, 7],
  };

  it('is stable whatever the order of currencies and ids', () => {
    const text = canonicalQuoteText(figures);
    expect(text).toBe('["quote/v1","215000","13000",[["bonus","9250"],["qp","100"]],[7,9]]');
    expect(
      canonicalQuoteText({ ...figures, accrued: [...figures.accrued].reverse(), appliedPromotionIds: [7, 9] }),
    ).toBe(text);
  });

  it('differs when any figure differs, even with separators in external ids', () => {
    const text = canonicalQuoteText(figures);
    expect(canonicalQuoteText({ ...figures, finalTotal: 215001n })).not.toBe(text);
    expect(canonicalQuoteText({ ...figures, appliedPromotionIds: [7] })).not.toBe(text);
    const tricky = (eid: string, amount: bigint): QuoteFigures => ({
      ...figures,
      accrued: [{ points_currency_eid: eid, amount }],
    });
    expect(canonicalQuoteText(tricky('a","1', 2n))).not.toBe(canonicalQuoteText(tricky('a', 12n)));
  });
});
