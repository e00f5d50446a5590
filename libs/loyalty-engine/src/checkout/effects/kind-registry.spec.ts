import { ACCRUAL_KINDS } from './accrual-registry';
import { DISCOUNT_KINDS } from './discount-registry';
import { kindRegistry } from './kind-registry';

describe('effect kind registries', () => {
  it('hold every kind the API names', () => {
    expect(DISCOUNT_KINDS.codes).toEqual(['percent', 'fixed', 'fixed_per_item', 'fixed_price']);
    expect(ACCRUAL_KINDS.codes).toEqual(['percent', 'per_amount', 'fixed_per_order', 'fixed_per_item', 'multiplier']);
    expect(DISCOUNT_KINDS.has('percent')).toBe(true);
    expect(DISCOUNT_KINDS.has('gift')).toBe(false);
  });

  it('refuse a code registered twice', () => {
    expect(() => kindRegistry('test', [{ code: 'a' }, { code: 'a' }])).toThrow('kind "a" is registered twice');
  });
});
