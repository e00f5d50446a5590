import { failedPath, failureOf } from '../test-support/effect-failures';
import { accrualEffectView, parseAccrualEffect } from './accrual-effect';

const currencies = new Set(['bonus', 'qp']);
const parse = (raw: unknown) => parseAccrualEffect(raw, 2, currencies);

describe('parseAccrualEffect', () => {
  it('reads the block, with base "paid" by default', () => {
    expect(parse({ kind: 'per_amount', value: 1, per: '100', points_currency_eid: 'qp' })).toEqual({
      kind: 'per_amount',
      value: '1.00',
      per: 10000n,
      base: 'paid',
      points_currency_eid: 'qp',
    });
    expect(parse({ kind: 'multiplier', value: '1.5', base: 'list', points_currency_eid: 'bonus' })).toMatchObject({
      value: '1.50',
      base: 'list',
      per: null,
    });
  });

  it.each([
    [{ kind: 'per_amount', value: '1', points_currency_eid: 'bonus' }, 'accrual.per'],
    [{ kind: 'per_amount', value: '1', per: '0', points_currency_eid: 'bonus' }, 'accrual.per'],
    [{ kind: 'percent', value: '5', per: '1.00', points_currency_eid: 'bonus' }, 'accrual.per'],
    [{ kind: 'percent', value: '0', points_currency_eid: 'bonus' }, 'accrual.value'],
    [{ kind: 'multiplier', value: '0.5', points_currency_eid: 'bonus' }, 'accrual.value'],
    [{ kind: 'fixed_per_order', value: '0.001', points_currency_eid: 'bonus' }, 'accrual.value'],
    [{ kind: 'fixed_per_item', value: '1', base: 'net', points_currency_eid: 'bonus' }, 'accrual.base'],
    [{ kind: 'bonus', value: '1', points_currency_eid: 'bonus' }, 'accrual.kind'],
    [{ kind: 'percent', value: '5' }, 'accrual.points_currency_eid'],
  ])('refuses %j at %s', (raw, path) => {
    expect(failedPath(() => parse(raw))).toBe(path);
  });

  it('an unknown currency is UNKNOWN_REFERENCE at its path', () => {
    expect(failureOf(() => parse({ kind: 'percent', value: '5', points_currency_eid: 'miles' }))).toEqual({
      code: 'UNKNOWN_REFERENCE',
      fields: [{ path: 'accrual.points_currency_eid', message: 'no points currency "miles" in this program' }],
    });
  });

  it('gives back the API shape', () => {
    const raw = { kind: 'per_amount', value: '2.00', per: '100.00', base: 'discounted', points_currency_eid: 'bonus' };
    expect(accrualEffectView(parse(raw), 2)).toEqual(raw);
  });
});
