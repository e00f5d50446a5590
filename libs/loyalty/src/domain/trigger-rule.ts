import { DomainError, Points, PointsPrecision } from '@loyalty/kernel';
import type { Promotion, TriggerRule, TriggerRules } from '../entities/promotion.entity';
import { parsePointsInput } from './points-input';

export type TriggerOperation = 'accrual' | 'redemption';

/**
 * The rule of a trigger promotion for one currency and operation, at `now`: error 10 when the
 * promotion is not a trigger promotion, inactive, outside its dates, or has no rule for the currency.
 */
export function applicableTriggerRule(
  promotion: Promotion,
  currencyEid: string,
  operation: TriggerOperation,
  now: Date,
): TriggerRule {
  const reason = notApplicableReason(promotion, now);
  if (reason) throw notApplicable(promotion, reason);
  const rules = promotion.rules as unknown as TriggerRules;
  const list = operation === 'accrual' ? rules.accrual_rules : rules.redeem_rules;
  const rule = list.find((candidate) => candidate.points_currency_eid === currencyEid);
  if (!rule)
    throw notApplicable(
      promotion,
      `it has no ${operation === 'accrual' ? 'accrual' : 'redeem'} rule for ${currencyEid}`,
    );
  return rule;
}

function notApplicableReason(promotion: Promotion, now: Date): string | null {
  if (promotion.type !== 'trigger') return `it is a ${promotion.type} promotion, not a trigger promotion`;
  if (!promotion.isActive) return 'it is not active';
  if (promotion.startDate && now < promotion.startDate) return 'it has not started';
  if (promotion.endDate && now > promotion.endDate) return 'it has ended';
  return null;
}

function notApplicable(promotion: Promotion, reason: string): DomainError {
  return new DomainError('PROMOTION_NOT_APPLICABLE', `Promotion ${promotion.externalId} does not apply: ${reason}`, {
    promotion_id: promotion.id,
  });
}

/**
 * The amount of a trigger operation: the given amount, which must lie in the rule's
 * `min_amount`..`max_amount` (error 12), or the rule's `static_amount` when none is given.
 */
export function ruleAmount(rule: TriggerRule, given: string | null | undefined, precision: PointsPrecision): bigint {
  if (given == null) {
    if (rule.static_amount == null) {
      throw DomainError.invalid('amount', 'is required: the promotion has no static amount for this currency');
    }
    return Points.parse(rule.static_amount);
  }
  const amount = parsePointsInput(given, precision, 'amount');
  const min = rule.min_amount == null ? null : Points.parse(rule.min_amount);
  const max = rule.max_amount == null ? null : Points.parse(rule.max_amount);
  if ((min != null && amount < min) || (max != null && amount > max)) {
    throw new DomainError(
      'AMOUNT_OUT_OF_RANGE',
      `amount ${Points.format(amount)} is outside ${rule.min_amount ?? '0.00'}..${rule.max_amount ?? '∞'}`,
      {
        fields: [{ path: 'amount', message: 'outside the rule range' }],
        min_amount: rule.min_amount,
        max_amount: rule.max_amount,
      },
    );
  }
  return amount;
}
