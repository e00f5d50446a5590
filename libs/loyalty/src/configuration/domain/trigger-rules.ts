import { DomainError, Points, PointsPrecision } from '@loyalty/kernel';
import type { CurrencyType } from '../../entities/points-currency.entity';
import type { TriggerRule, TriggerRules } from '../../entities/promotion.entity';
import { parsePointsInput } from '../../domain/points-input';

export interface TriggerRuleInput {
  points_currency_eid: string;
  static_amount?: string | null;
  min_amount?: string | null;
  max_amount?: string | null;
}

/** What a rule needs to know about the currency it names. */
export interface RuleCurrency {
  type: CurrencyType;
  precision: PointsPrecision;
}

export const MAX_RULES_PER_LIST = 50;

/**
 * A trigger promotion's rules with canonical amounts ("100.00", null when absent). Each rule names a
 * currency of the program (error 18 otherwise); a list has at most one rule per currency; amounts
 * follow the currency's precision, with `min_amount` ≤ `static_amount` ≤ `max_amount` where given;
 * qualification points cannot be redeemed; and there is at least one rule in the two lists.
 */
export function resolveTriggerRules(
  accrual: readonly TriggerRuleInput[],
  redeem: readonly TriggerRuleInput[],
  currencies: ReadonlyMap<string, RuleCurrency>,
): TriggerRules {
  if (accrual.length + redeem.length === 0) {
    throw DomainError.invalid(
      'accrual_rules',
      'a trigger promotion needs at least one rule in accrual_rules or redeem_rules',
    );
  }
  return {
    accrual_rules: resolveList(accrual, 'accrual_rules', currencies),
    redeem_rules: resolveList(redeem, 'redeem_rules', currencies),
  };
}

function resolveList(
  rules: readonly TriggerRuleInput[],
  list: 'accrual_rules' | 'redeem_rules',
  currencies: ReadonlyMap<string, RuleCurrency>,
): TriggerRule[] {
  if (rules.length > MAX_RULES_PER_LIST)
    throw DomainError.invalid(list, `must have at most ${MAX_RULES_PER_LIST} rules`);
  const seen = new Map<string, number>();
  return rules.map((rule, index) => {
    const path = `${list}[${index}]`;
    const eid = rule.points_currency_eid;
    const currency = currencies.get(eid);
    if (!currency) {
      throw new DomainError(
        'UNKNOWN_REFERENCE',
        `${path}.points_currency_eid: the program has no points currency ${eid}`,
        {
          fields: [{ path: `${path}.points_currency_eid`, message: 'unknown points currency' }],
        },
      );
    }
    const earlier = seen.get(eid);
    if (earlier !== undefined) {
      throw DomainError.invalid(`${path}.points_currency_eid`, `repeats ${list}[${earlier}]: one rule per currency`);
    }
    seen.set(eid, index);
    if (list === 'redeem_rules' && currency.type === 'qualification') {
      throw DomainError.invalid(`${path}.points_currency_eid`, 'qualification points cannot be redeemed');
    }
    return resolveAmounts(rule, currency.precision, path);
  });
}

function resolveAmounts(rule: TriggerRuleInput, precision: PointsPrecision, path: string): TriggerRule {
  const amount = (text: string | null | undefined, field: string, allowZero: boolean): bigint | null =>
    text == null ? null : parsePointsInput(text, precision, `${path}.${field}`, allowZero);
  const fixed = amount(rule.static_amount, 'static_amount', false);
  const min = amount(rule.min_amount, 'min_amount', true);
  const max = amount(rule.max_amount, 'max_amount', false);
  if (min !== null && max !== null && max < min) {
    throw DomainError.invalid(`${path}.max_amount`, 'must not be below min_amount');
  }
  if (fixed !== null && min !== null && fixed < min) {
    throw DomainError.invalid(`${path}.static_amount`, 'must not be below min_amount');
  }
  if (fixed !== null && max !== null && fixed > max) {
    throw DomainError.invalid(`${path}.static_amount`, 'must not be above max_amount');
  }
  const text = (value: bigint | null) => (value === null ? null : Points.format(value));
  return {
    points_currency_eid: rule.points_currency_eid,
    static_amount: text(fixed),
    min_amount: text(min),
    max_amount: text(max),
  };
}
