import { DomainError, formatDateOnly, parseDateOnly, Points, PointsPrecision } from '@loyalty/kernel';
import type { TierGroupType } from '../../entities/tier-group.entity';
import { parsePointsInput } from '../../domain/points-input';
import { requireIntegerIn } from './field-rules';

export interface TierInput {
  tier_eid: string;
  name: string;
  threshold: string;
}

/** A tier as it will be stored: threshold in hundredths, `tier_order` from 0 (the lowest). */
export interface PlannedTier {
  tier_eid: string;
  name: string;
  threshold: bigint;
  tier_order: number;
}

export interface TierGroupReview {
  period_months: number;
  anchor_date: string;
}

export const TIER_GROUP_TYPES: readonly TierGroupType[] = ['cumulative', 'periodic'];
export const MAX_TIERS = 50;
export const MAX_REVIEW_PERIOD_MONTHS = 120;

/**
 * Checks a ladder of tiers and numbers it. The tiers are listed from the lowest: the first has
 * threshold 0.00 (every member starts there), every next threshold is strictly greater, and
 * `tier_eid`s are unique. `tier_order` is the position in the list.
 */
export function planTierLadder(tiers: readonly TierInput[], precision: PointsPrecision): PlannedTier[] {
  if (tiers.length === 0) throw DomainError.invalid('tiers', 'must have at least one tier');
  if (tiers.length > MAX_TIERS) throw DomainError.invalid('tiers', `must have at most ${MAX_TIERS} tiers`);
  const seen = new Map<string, number>();
  const planned: PlannedTier[] = [];
  tiers.forEach((tier, index) => {
    const path = `tiers[${index}]`;
    const earlier = seen.get(tier.tier_eid);
    if (earlier !== undefined) throw DomainError.invalid(`${path}.tier_eid`, `repeats tiers[${earlier}].tier_eid`);
    seen.set(tier.tier_eid, index);
    const threshold = parsePointsInput(tier.threshold, precision, `${path}.threshold`, true);
    if (index === 0 && threshold !== 0n) {
      throw DomainError.invalid(`${path}.threshold`, 'the first (lowest) tier must have threshold 0.00');
    }
    const previous = planned[index - 1];
    if (previous && threshold <= previous.threshold) {
      throw DomainError.invalid(
        `${path}.threshold`,
        `must be greater than tiers[${index - 1}].threshold (${Points.format(previous.threshold)}); list tiers from the lowest`,
      );
    }
    planned.push({ tier_eid: tier.tier_eid, name: tier.name, threshold, tier_order: index });
  });
  return planned;
}

/** `periodic` groups need a review period and a date the periods count from; `cumulative` ones have none. */
export function resolveReview(type: TierGroupType, review: TierGroupReview | null | undefined): TierGroupReview | null {
  if (type === 'cumulative') {
    if (review != null) throw DomainError.invalid('review', 'only periodic tier groups have a review');
    return null;
  }
  if (review == null) throw DomainError.invalid('review', 'is required for periodic tier groups');
  return {
    period_months: requireIntegerIn(review.period_months, 1, MAX_REVIEW_PERIOD_MONTHS, 'review.period_months'),
    anchor_date: formatDateOnly(parseDateOnly(review.anchor_date, 'review.anchor_date')),
  };
}

/** The body of `tier_groups/create` (required fields present) or `tier_groups/update` (any subset). */
export interface TierGroupInput {
  name?: string | null;
  tiers_group_type?: TierGroupType | null;
  points_currency_eid?: string | null;
  review?: TierGroupReview | null;
  tiers?: TierInput[] | null;
}
