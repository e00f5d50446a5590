import { DomainError, formatRfc3339, MinorDigits, Money, parseInstantOrDate, Points } from '@loyalty/kernel';
import type { LimitPeriod, PromotionType, Stacking, TriggerRule } from '../../entities/promotion.entity';
import { parsePointsInput } from '../../domain/points-input';
import { oneOf, patched, requireIntegerIn, requireNonNumericExternalId, unchanged } from './field-rules';
import { resolveTriggerRules, RuleCurrency, TriggerRuleInput } from './trigger-rules';
import { CheckoutEffects, CheckoutEffectsInput, resolveCheckoutEffects } from './checkout-effects';

export type PromotionReturnPolicy = 'keep' | 'reevaluate';

export interface PromotionLimits {
  per_member: number | null;
  per_member_period: LimitPeriod | null;
  total_uses: number | null;
  /** Money (minor digits of the program currency) for discount promotions; points for the others. */
  budget: string | null;
}

/** A promotion's settings as the API writes them (`promotions/get` without id, counters and timestamps). */
export interface PromotionSettings extends CheckoutEffects {
  type: PromotionType;
  name: string;
  external_id: string;
  description: string | null;
  start_date: string | null;
  end_date: string | null;
  is_active: boolean;
  priority: number;
  stacking: Stacking;
  conditions: Record<string, unknown> | null;
  limits: PromotionLimits;
  promo_code_program_id: number | null;
  return_policy: PromotionReturnPolicy;
  accrual_rules: TriggerRule[];
  redeem_rules: TriggerRule[];
}

export interface PromotionLimitsInput {
  per_member?: number | null;
  per_member_period?: LimitPeriod | null;
  total_uses?: number | null;
  budget?: string | null;
}

/** The fields of `promotions/create` or `update` (any subset; null restores a default). */
export interface PromotionInput extends CheckoutEffectsInput {
  type?: PromotionType | null;
  name?: string | null;
  external_id?: string | null;
  description?: string | null;
  start_date?: string | null;
  end_date?: string | null;
  is_active?: boolean | null;
  priority?: number | null;
  stacking?: Stacking | null;
  conditions?: Record<string, unknown> | null;
  limits?: PromotionLimitsInput | null;
  promo_code_program_id?: number | null;
  return_policy?: PromotionReturnPolicy | null;
  accrual_rules?: TriggerRuleInput[] | null;
  redeem_rules?: TriggerRuleInput[] | null;
}

/**
 * What resolving needs from the program: its zone (for date-only fields), its currencies by
 * external id and the minor digits of its money (discount amounts and budgets).
 */
export interface PromotionContext {
  timezone: string;
  currencies: ReadonlyMap<string, RuleCurrency>;
  minorDigits: MinorDigits;
}

export const PROMOTION_TYPES: readonly PromotionType[] = ['trigger', 'discount', 'points'];
export const STACKING_MODES: readonly Stacking[] = ['exclusive', 'combinable'];
export const LIMIT_PERIODS: readonly LimitPeriod[] = ['day', 'week', 'month', 'year'];
export const RETURN_POLICIES: readonly PromotionReturnPolicy[] = ['keep', 'reevaluate'];
export const MAX_PRIORITY = 1_000_000;
/** Use counts are stored in 32-bit columns. */
export const MAX_USES = 2_147_483_647;
export const NO_LIMITS: PromotionLimits = { per_member: null, per_member_period: null, total_uses: null, budget: null };

/**
 * A promotion's settings after a create (`current` null) or an update. Dates alone are read in the
 * program's zone (`start_date` the start of the day, `end_date` its last millisecond); the window
 * must not end before it starts. `type` is fixed at creation. Trigger promotions take rules lists,
 * the checkout kinds their effect blocks. Here `conditions` is checked for shape only: the use case
 * compiles a checkout promotion's tree against the account's custom fields.
 */
export function resolvePromotionSettings(
  input: PromotionInput,
  current: PromotionSettings | null,
  context: PromotionContext,
): PromotionSettings {
  const was = current ?? undefined;
  unchanged(input.type, was?.type, 'type');
  const instant = (edge: 'start' | 'end', path: string) => (text: string) =>
    formatRfc3339(parseInstantOrDate(text, context.timezone, edge, path));
  const startDate = patched(input.start_date, was?.start_date, 'start_date', {
    parse: instant('start', 'start_date'),
    fallback: () => null,
  });
  const endDate = patched(input.end_date, was?.end_date, 'end_date', {
    parse: instant('end', 'end_date'),
    fallback: () => null,
  });
  if (startDate !== null && endDate !== null && Date.parse(endDate) < Date.parse(startDate)) {
    const path = input.end_date !== undefined ? 'end_date' : 'start_date';
    throw DomainError.invalid(path, 'the promotion must not end before it starts');
  }
  const accrual = patched(input.accrual_rules, was?.accrual_rules, 'accrual_rules', {
    parse: (rules): TriggerRuleInput[] => rules,
    fallback: () => [],
  });
  const redeem = patched(input.redeem_rules, was?.redeem_rules, 'redeem_rules', {
    parse: (rules): TriggerRuleInput[] => rules,
    fallback: () => [],
  });
  const type = patched(input.type, was?.type, 'type', { parse: (kind) => oneOf(kind, PROMOTION_TYPES, 'type') });
  if (type !== 'trigger' && accrual.length + redeem.length > 0) {
    throw DomainError.invalid(
      accrual.length > 0 ? 'accrual_rules' : 'redeem_rules',
      'only trigger promotions have rules lists',
    );
  }
  const rules =
    type === 'trigger'
      ? resolveTriggerRules(accrual, redeem, context.currencies)
      : { accrual_rules: [], redeem_rules: [] };
  const budgetOf = (budget: string | null | undefined) =>
    budget == null
      ? null
      : type === 'discount'
        ? Money.format(Money.parse(budget, context.minorDigits, 'limits.budget'), context.minorDigits)
        : Points.format(parsePointsInput(budget, 2, 'limits.budget'));
  return {
    type,
    name: patched(input.name, was?.name, 'name', { parse: (name) => name }),
    external_id: patched(input.external_id, was?.external_id, 'external_id', {
      parse: (id) => requireNonNumericExternalId(id),
    }),
    description: patched(input.description, was?.description, 'description', {
      parse: (text) => text,
      fallback: () => null,
    }),
    start_date: startDate,
    end_date: endDate,
    is_active: patched(input.is_active, was?.is_active, 'is_active', { parse: (on) => on }),
    priority: patched(input.priority, was?.priority, 'priority', {
      parse: (priority) => requireIntegerIn(priority, 0, MAX_PRIORITY, 'priority'),
      fallback: () => 0,
    }),
    stacking: patched(input.stacking, was?.stacking, 'stacking', {
      parse: (mode) => oneOf(mode, STACKING_MODES, 'stacking'),
      fallback: () => 'combinable',
    }),
    conditions: patched(input.conditions, was?.conditions, 'conditions', {
      parse: parseConditions,
      fallback: () => null,
    }),
    limits: patched(input.limits, was?.limits, 'limits', {
      parse: (limits) => parseLimits(limits, budgetOf),
      fallback: () => ({ ...NO_LIMITS }),
    }),
    promo_code_program_id: patched(input.promo_code_program_id, was?.promo_code_program_id, 'promo_code_program_id', {
      parse: (id) => id,
      fallback: () => null,
    }),
    return_policy: patched(input.return_policy, was?.return_policy, 'return_policy', {
      parse: (policy) => oneOf(policy, RETURN_POLICIES, 'return_policy'),
      fallback: () => 'keep',
    }),
    accrual_rules: rules.accrual_rules,
    redeem_rules: rules.redeem_rules,
    ...resolveCheckoutEffects(type, input, was, context),
  };
}

/** A condition tree is stored as given for now; it must be a JSON object. */
function parseConditions(conditions: Record<string, unknown>): Record<string, unknown> {
  if (typeof conditions !== 'object' || Array.isArray(conditions)) {
    throw DomainError.invalid('conditions', 'must be an object (a condition tree) or null');
  }
  return conditions;
}

/** Limits replace the stored ones as a whole; a period needs a per-member count. */
function parseLimits(
  limits: PromotionLimitsInput,
  budgetOf: (budget: string | null | undefined) => string | null,
): PromotionLimits {
  const count = (value: number | null | undefined, path: string) =>
    value == null ? null : requireIntegerIn(value, 1, MAX_USES, path);
  const perMember = count(limits.per_member, 'limits.per_member');
  const period = limits.per_member_period ?? null;
  if (period !== null && perMember === null) {
    throw DomainError.invalid('limits.per_member_period', 'needs limits.per_member');
  }
  return {
    per_member: perMember,
    per_member_period: period === null ? null : oneOf(period, LIMIT_PERIODS, 'limits.per_member_period'),
    total_uses: count(limits.total_uses, 'limits.total_uses'),
    budget: budgetOf(limits.budget),
  };
}
