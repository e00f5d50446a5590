import { resolveTriggerRules, RuleCurrency } from './trigger-rules';
import { issueOf } from './test-support';

const currencies = new Map<string, RuleCurrency>([
  ['bonus', { type: 'standard', precision: 2 }],
  ['whole', { type: 'standard', precision: 0 }],
  ['qp', { type: 'qualification', precision: 2 }],
]);

describe('resolveTriggerRules', () => {
  it('writes amounts with 2 fraction digits and null for absent ones', () => {
    expect(
      resolveTriggerRules(
        [
          { points_currency_eid: 'bonus', static_amount: '100', min_amount: '0', max_amount: '500.5' },
          { points_currency_eid: 'qp', static_amount: '10' },
        ],
        [{ points_currency_eid: 'whole', min_amount: '1', max_amount: '1000' }],
        currencies,
      ),
    ).toEqual({
      accrual_rules: [
        { points_currency_eid: 'bonus', static_amount: '100.00', min_amount: '0.00', max_amount: '500.50' },
        { points_currency_eid: 'qp', static_amount: '10.00', min_amount: null, max_amount: null },
      ],
      redeem_rules: [{ points_currency_eid: 'whole', static_amount: null, min_amount: '1.00', max_amount: '1000.00' }],
    });
  });

  it('accepts a rule with no amounts (the call gives the amount)', () => {
    expect(resolveTriggerRules([], [{ points_currency_eid: 'bonus' }], currencies).redeem_rules).toEqual([
      { points_currency_eid: 'bonus', static_amount: null, min_amount: null, max_amount: null },
    ]);
  });

  it('an unknown currency is error 18 naming the rule', () => {
    expect(issueOf(() => resolveTriggerRules([{ points_currency_eid: 'nope' }], [], currencies))).toEqual({
      code: 'UNKNOWN_REFERENCE',
      fields: [{ path: 'accrual_rules[0].points_currency_eid', message: 'unknown points currency' }],
    });
  });

  it.each([
    [[], [], 'accrual_rules', 'a trigger promotion needs at least one rule in accrual_rules or redeem_rules'],
    [
      [],
      [{ points_currency_eid: 'bonus' }, { points_currency_eid: 'qp' }],
      'redeem_rules[1].points_currency_eid',
      'qualification points cannot be redeemed',
    ],
    [
      [{ points_currency_eid: 'bonus' }, { points_currency_eid: 'whole' }, { points_currency_eid: 'bonus' }],
      [],
      'accrual_rules[2].points_currency_eid',
      'repeats accrual_rules[0]: one rule per currency',
    ],
    [
      [{ points_currency_eid: 'bonus', min_amount: '10', static_amount: '5' }],
      [],
      'accrual_rules[0].static_amount',
      'must not be below min_amount',
    ],
    [
      [{ points_currency_eid: 'bonus', max_amount: '10', static_amount: '10.01' }],
      [],
      'accrual_rules[0].static_amount',
      'must not be above max_amount',
    ],
    [
      [],
      [{ points_currency_eid: 'bonus', min_amount: '10', max_amount: '9.99' }],
      'redeem_rules[0].max_amount',
      'must not be below min_amount',
    ],
    [
      [{ points_currency_eid: 'whole', static_amount: '1.50' }],
      [],
      'accrual_rules[0].static_amount',
      'must be a whole number of points for this currency',
    ],
    [
      [{ points_currency_eid: 'bonus', static_amount: '0' }],
      [],
      'accrual_rules[0].static_amount',
      'must be greater than zero',
    ],
  ])('refuses accrual %j redeem %j at %p', (accrual, redeem, path, message) => {
    expect(issueOf(() => resolveTriggerRules(accrual, redeem, currencies))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ path, message }],
    });
  });

  it('allows the same currency once in each list', () => {
    const rules = resolveTriggerRules(
      [{ points_currency_eid: 'bonus', static_amount: '5' }],
      [{ points_currency_eid: 'bonus', static_amount: '5' }],
      currencies,
    );
    expect([rules.accrual_rules.length, rules.redeem_rules.length]).toEqual([1, 1]);
  });
});
