import { formatRfc3339, Points } from '@loyalty/kernel';
import type { TierGroup, TierGroupType } from '../../entities/tier-group.entity';
import type { Tier } from '../../entities/tier.entity';
import type { TierGroupReview } from '../domain/tier-ladder';

export interface TierGroupTierView {
  tier_id: number;
  tier_eid: string;
  name: string;
  threshold: string;
  tier_order: number;
}

/** An item of `loyalty/tier_groups/list` (`id` is the `tiers_group_id`); also the audit snapshot. */
export interface TierGroupView {
  id: number;
  loyalty_program_id: number;
  name: string;
  tiers_group_type: TierGroupType;
  points_currency_eid: string;
  review: TierGroupReview | null;
  tiers: TierGroupTierView[];
  created_at: string;
  updated_at: string;
}

/** The group with its tiers (lowest first) and the external id of the currency it reads. */
export function tierGroupView(group: TierGroup, tiers: readonly Tier[], currencyEid: string): TierGroupView {
  return {
    id: group.id,
    loyalty_program_id: group.program,
    name: group.name,
    tiers_group_type: group.type,
    points_currency_eid: currencyEid,
    review:
      group.reviewPeriodMonths === null || group.reviewAnchorDate === null
        ? null
        : { period_months: group.reviewPeriodMonths, anchor_date: group.reviewAnchorDate },
    tiers: [...tiers]
      .sort((a, b) => a.tierOrder - b.tierOrder)
      .map((tier) => ({
        tier_id: tier.id,
        tier_eid: tier.tierEid,
        name: tier.name,
        threshold: Points.format(tier.threshold),
        tier_order: tier.tierOrder,
      })),
    created_at: formatRfc3339(group.createdAt),
    updated_at: formatRfc3339(group.updatedAt),
  };
}
