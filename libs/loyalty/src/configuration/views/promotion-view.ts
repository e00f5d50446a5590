import { formatRfc3339, Points } from '@loyalty/kernel';
import type { Promotion, TriggerRule, TriggerRules } from '../../entities/promotion.entity';
import type { PromotionSettings, PromotionReturnPolicy } from '../domain/promotion-settings';

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

const instant = (value: Date | null) => (value === null ? null : formatRfc3339(value));

export function promotionSettings(promotion: Promotion): PromotionSettings {
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
      budget: promotion.limitBudget === null ? null : Points.format(promotion.limitBudget),
    },
    promo_code_program_id: promotion.promoCodeProgramId,
    return_policy: promotion.returnPolicy,
    ...triggerRules(promotion),
  };
}

export function promotionView(promotion: Promotion): PromotionView {
  return {
    id: promotion.id,
    loyalty_program_id: promotion.program,
    ...promotionSettings(promotion),
    uses_count: promotion.usesCount,
    budget_used: Points.format(promotion.budgetUsed),
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

/** The entity fields of resolved settings. */
export function promotionFields(settings: PromotionSettings) {
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
    limitBudget: settings.limits.budget === null ? null : Points.parse(settings.limits.budget),
    promoCodeProgramId: settings.promo_code_program_id,
    returnPolicy: settings.return_policy as PromotionReturnPolicy,
    rules: { accrual_rules: settings.accrual_rules, redeem_rules: settings.redeem_rules } as Record<string, unknown>,
  } satisfies Partial<Promotion>;
}
