import { priceCart } from './price-cart';
import { PricingPromotion, RejectionReason } from './pricing-types';
import { cart, CartSpec, discountPromotion, money, NOW, pointsPromotion } from './test-support/cart-builder';

const tenPercent = { kind: 'percent', value: '10', target: 'lines' };
const goldOnly = { field: 'member.tier', op: 'eq', value: 'gold' };
const day = 24 * 3600 * 1000;

function verdict(promotion: PricingPromotion, spec: Partial<CartSpec> = {}) {
  const result = priceCart(cart({ lines: [{ price: '100.00', product: 'tea' }], ...spec, promotions: [promotion] }));
  return {
    applied: result.applied.map((applied) => applied.promotionId),
    reason: result.rejected.find((rejected) => rejected.promotionId === promotion.id)?.reason ?? null,
    discount: result.discountTotal,
  };
}

describe('rejected promotions and their reasons', () => {
  it('CONDITIONS_NOT_MET when the tree fails', () => {
    const promotion = discountPromotion(1, tenPercent, {
      conditions: { field: 'goods_total', op: 'gte', value: '500.00' },
    });
    expect(verdict(promotion)).toEqual({ applied: [], reason: 'CONDITIONS_NOT_MET', discount: 0n });
  });

  it('TIER_MISMATCH when the tree would hold with every tier, for a member and for a non-member', () => {
    const promotion = discountPromotion(1, tenPercent, { conditions: goldOnly });
    expect(verdict(promotion, { member: { tiers: ['silver'] } }).reason).toBe('TIER_MISMATCH');
    expect(verdict(promotion, { member: null }).reason).toBe('TIER_MISMATCH');
    expect(verdict(promotion, { member: { tiers: ['gold'] } }).applied).toEqual([1]);
  });

  it('CONDITIONS_NOT_MET, not TIER_MISMATCH, when another leaf fails too or no tier leaf is named', () => {
    const both = { all: [goldOnly, { field: 'goods_total', op: 'gte', value: '500.00' }] };
    expect(verdict(discountPromotion(1, tenPercent, { conditions: both }), { member: { tiers: [] } }).reason).toBe(
      'CONDITIONS_NOT_MET',
    );
    const membersOnly = { field: 'member.is_member', op: 'eq', value: true };
    expect(verdict(discountPromotion(1, tenPercent, { conditions: membersOnly }), { member: null }).reason).toBe(
      'CONDITIONS_NOT_MET',
    );
  });

  it('LIMIT_REACHED when a use limit is exhausted or the budget is spent', () => {
    expect(verdict(discountPromotion(1, tenPercent, { limits: { exhausted: true } })).reason).toBe('LIMIT_REACHED');
    expect(verdict(discountPromotion(1, tenPercent, { limits: { budgetLeft: 0n } })).reason).toBe('LIMIT_REACHED');
  });

  it('CODE_MISSING without a code of its program, CODE_INVALID with one that is not valid', () => {
    const promotion = discountPromotion(1, tenPercent, { promoCodeProgramId: 5 });
    expect(verdict(promotion).reason).toBe('CODE_MISSING');
    expect(verdict(promotion, { promoCodes: [{ code: 'NOPE', state: 'invalid', programId: null }] }).reason).toBe(
      'CODE_MISSING',
    );
    expect(verdict(promotion, { promoCodes: [{ code: 'OLD', state: 'expired', programId: 5 }] }).reason).toBe(
      'CODE_INVALID',
    );
    expect(verdict(promotion, { promoCodes: [{ code: 'GO', state: 'valid', programId: 5 }] }).applied).toEqual([1]);
  });

  it('INACTIVE and OUT_OF_DATES only for a promotion a valid code asks for; otherwise not listed', () => {
    const code = { promoCodes: [{ code: 'GO', state: 'valid' as const, programId: 5 }] };
    const inactive = discountPromotion(1, tenPercent, { isActive: false, promoCodeProgramId: 5 });
    const ended = discountPromotion(1, tenPercent, { endDate: new Date(NOW.getTime() - 1), promoCodeProgramId: 5 });
    const future = discountPromotion(1, tenPercent, { startDate: new Date(NOW.getTime() + day) });
    expect(verdict(inactive, code).reason).toBe('INACTIVE');
    expect(verdict(ended, code).reason).toBe('OUT_OF_DATES');
    expect(verdict(inactive).reason).toBeNull();
    expect(verdict(future).reason).toBeNull();
    expect(verdict(future).applied).toEqual([]);
  });

  it('dates include both ends to the millisecond', () => {
    const promotion = discountPromotion(1, tenPercent, { startDate: NOW, endDate: NOW });
    expect(verdict(promotion).applied).toEqual([1]);
  });

  it('NO_EFFECT when the promotion would change nothing: a fixed price above the price, only unknown lines', () => {
    expect(verdict(discountPromotion(1, { kind: 'fixed_price', value: '150.00', target: 'lines' })).reason).toBe(
      'NO_EFFECT',
    );
    const unknownOnly = verdict(discountPromotion(1, tenPercent), { lines: [{ price: '100.00', known: false }] });
    expect(unknownOnly).toEqual({ applied: [], reason: 'NO_EFFECT', discount: 0n });
  });

  it('a points promotion needs a member (CONDITIONS_NOT_MET for anyone else); a discount does not', () => {
    const accrual = { kind: 'percent', value: '5', points_currency_eid: 'bonus' };
    expect(verdict(pointsPromotion(1, accrual), { member: null }).reason).toBe('CONDITIONS_NOT_MET');
    expect(verdict(discountPromotion(2, tenPercent), { member: null }).discount).toBe(money('10.00'));
  });

  it('lists rejections by promotion id', () => {
    const result = priceCart(
      cart({
        lines: [{ price: '100.00' }],
        promotions: [
          discountPromotion(9, tenPercent, { limits: { exhausted: true } }),
          discountPromotion(3, tenPercent, { priority: 5, promoCodeProgramId: 1 }),
          discountPromotion(4, { kind: 'fixed_price', value: '200.00', target: 'lines' }),
        ],
      }),
    );
    expect(result.rejected.map((rejected) => [rejected.promotionId, rejected.reason])).toEqual<
      [number, RejectionReason][]
    >([
      [3, 'CODE_MISSING'],
      [4, 'NO_EFFECT'],
      [9, 'LIMIT_REACHED'],
    ]);
  });
});

describe('promo code outcomes', () => {
  it('applied, not_applicable, or the state the caller found', () => {
    const result = priceCart(
      cart({
        lines: [{ price: '100.00' }],
        promotions: [
          discountPromotion(1, tenPercent, { promoCodeProgramId: 5 }),
          discountPromotion(2, tenPercent, {
            promoCodeProgramId: 6,
            conditions: { field: 'goods_total', op: 'gte', value: '1000.00' },
          }),
        ],
        promoCodes: [
          { code: 'WELCOME10', state: 'valid', programId: 5 },
          { code: 'BIG', state: 'valid', programId: 6 },
          { code: 'UNUSED', state: 'valid', programId: 7 },
          { code: 'GONE', state: 'expired', programId: 5 },
          { code: 'TYPO', state: 'invalid', programId: null },
          { code: 'MINE', state: 'already_used', programId: 5 },
          { code: 'THEIRS', state: 'not_attached', programId: 6 },
        ],
      }),
    );
    expect(result.promoCodes).toEqual([
      { code: 'WELCOME10', status: 'applied' },
      { code: 'BIG', status: 'not_applicable' },
      { code: 'UNUSED', status: 'not_applicable' },
      { code: 'GONE', status: 'expired' },
      { code: 'TYPO', status: 'invalid' },
      { code: 'MINE', status: 'already_used' },
      { code: 'THEIRS', status: 'not_attached' },
    ]);
  });
});
