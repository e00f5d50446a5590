import { failedPath } from '../test-support/effect-failures';
import { discountEffectView, parseDiscountEffect } from './discount-effect';

describe('parseDiscountEffect', () => {
  it('reads each kind into a percent or a money amount', () => {
    expect(parseDiscountEffect({ kind: 'percent', value: '12.5', target: 'order' }, 2)).toEqual({
      kind: 'percent',
      percent: '12.50',
      amount: null,
      target: 'order',
      maxDiscount: null,
    });
    expect(parseDiscountEffect({ kind: 'fixed', value: 10.5, target: 'lines', max_discount: '100' }, 2)).toEqual({
      kind: 'fixed',
      percent: null,
      amount: 1050n,
      target: 'lines',
      maxDiscount: 10000n,
    });
    expect(parseDiscountEffect({ kind: 'fixed_price', value: '0', target: 'delivery' }, 2).amount).toBe(0n);
    expect(parseDiscountEffect({ kind: 'fixed_per_item', value: '5', target: 'lines' }, 0).amount).toBe(5n);
  });

  it.each([
    [{ kind: 'percent', value: '0', target: 'lines' }, 'discount.value'],
    [{ kind: 'percent', value: '100.01', target: 'lines' }, 'discount.value'],
    [{ kind: 'percent', value: '10.001', target: 'lines' }, 'discount.value'],
    [{ kind: 'fixed', value: '0.00', target: 'lines' }, 'discount.value'],
    [{ kind: 'fixed', value: '1.005', target: 'lines' }, 'discount.value'],
    [{ kind: 'fixed_per_item', value: '-1', target: 'lines' }, 'discount.value'],
    [{ kind: 'fixed_price', value: '-0.01', target: 'lines' }, 'discount.value'],
    [{ kind: 'fixed', target: 'lines' }, 'discount.value'],
    [{ kind: 'fixed', value: true, target: 'lines' }, 'discount.value'],
    [{ kind: 'gift', value: '1', target: 'lines' }, 'discount.kind'],
    [{ kind: 'fixed', value: '1', target: 'cart' }, 'discount.target'],
    [{ kind: 'fixed', value: '1', target: 'lines', max_discount: '0' }, 'discount.max_discount'],
    [{ kind: 'fixed', value: '1', target: 'lines', extra: 1 }, 'discount.extra'],
    ['10%', 'discount'],
  ])('refuses %j at %s', (raw, path) => {
    expect(failedPath(() => parseDiscountEffect(raw, 2))).toBe(path);
  });

  it('refuses fraction digits the currency does not have, and names the path it was given', () => {
    expect(
      failedPath(() => parseDiscountEffect({ kind: 'fixed', value: '1.5', target: 'lines' }, 0, 'rules.discount')),
    ).toBe('rules.discount.value');
  });

  it('gives back the API shape with decimal strings', () => {
    const raw = { kind: 'fixed', value: '10.50', target: 'order', max_discount: '99.90' };
    expect(discountEffectView(parseDiscountEffect(raw, 2), 2)).toEqual(raw);
    expect(discountEffectView(parseDiscountEffect({ kind: 'percent', value: 10, target: 'lines' }, 2), 2)).toEqual({
      kind: 'percent',
      value: '10.00',
      target: 'lines',
      max_discount: null,
    });
  });
});
