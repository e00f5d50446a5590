import type { EntityManager } from '@mikro-orm/postgresql';
import { baseTier, periodicTierChanges, reviewPeriodEndingAt, reviewsBetween } from '@loyalty/loyalty-engine';
import { TierHistoryEntry } from '../entities/tier-history-entry.entity';
import type { Tier } from '../entities/tier.entity';
import type { MemberRef } from '../repositories/member-lookup';
import { lastReviewOfMember, PeriodicGroup, periodLots } from './periodic-tier-store';

export interface PeriodicTierStep {
  tier: Tier;
  reachedAt: Date;
  /** False for the base tier held since registration and for a due review the worker has not run yet. */
  recorded: boolean;
}

/**
 * A member's tiers in a periodic group, oldest first, the current tier last: the threshold-0 tier
 * from registration, then every change the reviews recorded, then the changes of reviews already
 * due that have not reached the member yet (computed exactly as the review will record them, so a
 * late worker never delays a change). Between reviews the tier stands still: qualification points
 * earned in a period count only at the review that closes it.
 */
export async function periodicTierSteps(
  em: EntityManager,
  member: MemberRef,
  periodic: PeriodicGroup,
  now: Date,
): Promise<PeriodicTierStep[]> {
  const { group, tiers, ladder, schedule } = periodic;
  const byId = new Map(tiers.map((tier) => [tier.id, tier]));
  const history = await em.find(
    TierHistoryEntry,
    { member: member.id, group: group.id },
    { orderBy: { reachedAt: 'asc', id: 'asc' }, filters: false },
  );
  const steps: PeriodicTierStep[] = [];
  if (history.length === 0 || history[0].reachedAt.getTime() > member.registeredAt.getTime()) {
    steps.push({ tier: byId.get(baseTier(ladder)) as Tier, reachedAt: member.registeredAt, recorded: false });
  }
  for (const entry of history) {
    const tier = byId.get(entry.tier);
    if (tier) steps.push({ tier, reachedAt: entry.reachedAt, recorded: true });
  }
  const reviewed = await lastReviewOfMember(em, group.id, member.id);
  const floors = [group.createdAt, member.registeredAt, ...(reviewed ? [reviewed] : [])];
  const after = new Date(Math.max(...floors.map((floor) => floor.getTime())));
  const due = reviewsBetween(schedule, after, now);
  if (due.length === 0) return steps;
  const from = reviewPeriodEndingAt(schedule, due[0]).start;
  const lots = (await periodLots(em, group.currency, [member.id], from, due[due.length - 1])).get(member.id) ?? [];
  const current = steps[steps.length - 1].tier.id;
  for (const change of periodicTierChanges(ladder, lots, schedule, current, due)) {
    steps.push({ tier: byId.get(change.tierId) as Tier, reachedAt: change.reachedAt, recorded: false });
  }
  return steps;
}
