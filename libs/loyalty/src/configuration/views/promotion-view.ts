import { formatRfc3339, MinorDigits, Money, Points } from '@loyalty/kernel';
import type { Promotion, TriggerRule, TriggerRules } from '../../entities/promotion.entity';
import type { PromotionSettings, PromotionReturnPolicy } from '../domain/promotion-settings';
import type { CheckoutEffects } from '../domain/checkout-effects';

/** `loyalty/promotions/get`: the settings with the id, the counters and the timestamps (also the audit snapshot). */
export interface PromotionView extends PromotionSettings {
  id: number;
  loyalty_program_id: number;
  uses_count: number;
  budget_used: string;
  created_at: string;
  updated_at: string;
}

/** An item of `loyalty/trigger_promotions` (spec api.md §7). */
export interface TriggerPromotionItem {
  id: number;
  name: string;
  description: string | null;
  external_id: string;
  start_date: string | null;
  end_date: string | null;
  is_active: boolean;
  accrual_rules: TriggerRule[];
  redeem_rules: TriggerRule[];
}

function triggerRules(promotion: Promotion): TriggerRules {
  const rules = promotion.rules as Partial<TriggerRules>;
  const copy = (list: TriggerRule[] | undefined) => (list ?? []).map((rule) => ({ ...rule }));
  return { accrual_rules: copy(rules.accrual_rules), redeem_rules: copy(rules.redeem_rules) };
}

function checkoutEffects(promotion: Promotion): CheckoutEffects {
  const rules = promotion.rules as Partial<CheckoutEffects>;
  return { discount: rules.discount ?? null, accrual: rules.accrual ?? null, redemption: rules.redemption ?? null };
}

/** A discount promotion's budget is money (minor units); the other kinds count points. */
function budgetText(promotion: Promotion, amount: bigint, minorDigits: MinorDigits): string {
  return promotion.type === 'discount' ? Money.format(amount, minorDigits) : Points.format(amount);
}

const instant = (value: Date | null) => (value === null ? null : formatRfc3339(value));

/** `minorDigits` are those of the program's currency (discount budgets are money). */
export function promotionSettings(promotion: Promotion, minorDigits: MinorDigits): PromotionSettings {
  return {
    type: promotion.type,
    name: promotion.name,
    external_id: promotion.externalId,
    description: promotion.description,
    start_date: instant(promotion.startDate),
    end_date: instant(promotion.endDate),
    is_active: promotion.isActive,
    priority: promotion.priority,
    stacking: promotion.stacking,
    conditions: (promotion.conditions as Record<string, unknown> | null) ?? null,
    limits: {
      per_member: promotion.limitPerMember,
      per_member_period: promotion.limitPerMemberPeriod,
      total_uses: promotion.limitTotalUses,
      budget: promotion.limitBudget === null ? null : budgetText(promotion, promotion.limitBudget, minorDigits),
    },
    promo_code_program_id: promotion.promoCodeProgramId,
    return_policy: promotion.returnPolicy,
    ...triggerRules(promotion),
    ...checkoutEffects(promotion),
  };
}

export function promotionView(promotion: Promotion, minorDigits: MinorDigits): PromotionView {
  return {
    id: promotion.id,
    loyalty_program_id: promotion.program,
    ...promotionSettings(promotion, minorDigits),
    uses_count: promotion.usesCount,
    budget_used: budgetText(promotion, promotion.budgetUsed, minorDigits),
    created_at: formatRfc3339(promotion.createdAt),
    updated_at: formatRfc3339(promotion.updatedAt),
  };
}

export function triggerPromotionItem(promotion: Promotion): TriggerPromotionItem {
  return {
    id: promotion.id,
    name: promotion.name,
    description: promotion.description,
    external_id: promotion.externalId,
    start_date: instant(promotion.startDate),
    end_date: instant(promotion.endDate),
    is_active: promotion.isActive,
    ...triggerRules(promotion),
  };
}

/** The entity fields of resolved settings (`minorDigits` of the program's currency, for a discount budget). */
export function promotionFields(settings: PromotionSettings, minorDigits: MinorDigits) {
  return {
    type: settings.type,
    name: settings.name,
    externalId: settings.external_id,
    description: settings.description,
    startDate: settings.start_date === null ? null : new Date(settings.start_date),
    endDate: settings.end_date === null ? null : new Date(settings.end_date),
    isActive: settings.is_active,
    priority: settings.priority,
    stacking: settings.stacking,
    conditions: settings.conditions,
    limitPerMember: settings.limits.per_member,
    limitPerMemberPeriod: settings.limits.per_member_period,
    limitTotalUses: settings.limits.total_uses,
    limitBudget:
      settings.limits.budget === null
        ? null
        : settings.type === 'discount'
          ? Money.parse(settings.limits.budget, minorDigits)
          : Points.parse(settings.limits.budget),
    promoCodeProgramId: settings.promo_code_program_id,
    returnPolicy: settings.return_policy as PromotionReturnPolicy,
    rules: (settings.type === 'trigger'
      ? { accrual_rules: settings.accrual_rules, redeem_rules: settings.redeem_rules }
      : { discount: settings.discount, accrual: settings.accrual, redemption: settings.redemption }) as Record<
      string,
      unknown
    >,
  } satisfies Partial<Promotion>;
}
