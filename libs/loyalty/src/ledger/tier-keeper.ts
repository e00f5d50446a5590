import { personSubjectKey } from '@loyalty/contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Points } from '@loyalty/kernel';
import { cumulativeTierPath } from '@loyalty/loyalty-engine';
import { NewOutboxEvent } from '@loyalty/platform';
import type { LoyaltyProgram } from '../entities/loyalty-program.entity';
import type { MemberRef } from '../repositories/member-lookup';
import { PointsAccount } from '../entities/points-account.entity';
import { PointsLot } from '../entities/points-lot.entity';
import { PointsTransaction } from '../entities/points-transaction.entity';
import { TierGroup } from '../entities/tier-group.entity';
import { TierHistoryEntry } from '../entities/tier-history-entry.entity';
import { Tier } from '../entities/tier.entity';

export interface TierStep {
  group: TierGroup;
  tier: Tier;
  reachedAt: Date;
  recorded: boolean;
}

/**
 * The cumulative tiers a member holds in each group of a qualification currency at `now`: the path
 * computed from the activated qualification lots (so a late worker never delays an upgrade), merged
 * with what the history already records (a cumulative tier never goes down).
 */
export async function cumulativeTierSteps(
  em: EntityManager,
  member: MemberRef,
  groups: TierGroup[],
  now: Date,
): Promise<TierStep[]> {
  const steps: TierStep[] = [];
  for (const group of groups.filter((candidate) => candidate.type === 'cumulative')) {
    const tiers = await em.find(Tier, { group: group.id }, { orderBy: { tierOrder: 'asc' }, filters: false });
    const history = await em.find(TierHistoryEntry, { member: member.id, group: group.id }, { filters: false });
    const lots = await qualificationLots(em, member, group.currency);
    const path = cumulativeTierPath(
      tiers.map((tier) => ({ tierId: tier.id, threshold: tier.threshold, order: tier.tierOrder })),
      lots,
      member.registeredAt,
      now,
    );
    const recorded = new Map(history.map((entry) => [entry.tier, entry]));
    for (const tier of tiers) {
      const entry = recorded.get(tier.id);
      const reached = path.find((step) => step.tierId === tier.id);
      if (entry) steps.push({ group, tier, reachedAt: entry.reachedAt, recorded: true });
      else if (reached) steps.push({ group, tier, reachedAt: reached.reachedAt, recorded: false });
    }
  }
  return steps;
}

/** Writes the tiers reached but not yet recorded, with a `tier.changed` event for each upgrade. */
export async function recordTierChanges(
  em: EntityManager,
  program: LoyaltyProgram,
  member: MemberRef,
  currencyId: number,
  now: Date,
): Promise<NewOutboxEvent[]> {
  const groups = await em.find(
    TierGroup,
    { program: program.id, currency: currencyId, type: 'cumulative' },
    { filters: false },
  );
  const events: NewOutboxEvent[] = [];
  for (const step of await cumulativeTierSteps(em, member, groups, now)) {
    if (step.recorded) continue;
    em.create(TierHistoryEntry, {
      account: member.account,
      member: member.id,
      group: step.group.id,
      tier: step.tier.id,
      reachedAt: step.reachedAt,
      recordedAt: now,
    });
    if (step.tier.threshold === 0n) continue;
    events.push(tierChangedEvent(program, member, step.group, step.tier, step.reachedAt));
  }
  return events;
}

/** The `tier.changed` event of a member reaching (or, in a periodic group, falling to) a tier. */
export function tierChangedEvent(
  program: Pick<LoyaltyProgram, 'id'>,
  member: Pick<MemberRef, 'account' | 'profile'>,
  group: Pick<TierGroup, 'id'>,
  tier: Tier,
  reachedAt: Date,
): NewOutboxEvent {
  return {
    accountId: member.account,
    eventType: 'tier.changed',
    subjectKey: personSubjectKey(member.profile),
    occurredAt: reachedAt,
    payload: {
      loyalty_program_id: program.id,
      profile_id: member.profile,
      tiers_group_id: group.id,
      tier_id: tier.id,
      tier_eid: tier.tierEid,
      tier_order: tier.tierOrder,
      threshold: Points.format(tier.threshold),
      reached_at: reachedAt.toISOString(),
    },
  };
}

/** A member's qualification lots in one currency, net of what cancellations took back. */
async function qualificationLots(em: EntityManager, member: MemberRef, currencyId: number) {
  const account = await em.findOne(PointsAccount, { member: member.id, currency: currencyId }, { filters: false });
  if (!account) return [];
  const lots = await em.find(PointsLot, { pointsAccount: account.id }, { filters: false });
  const cancelled = await em.find(
    PointsTransaction,
    { pointsAccount: account.id, status: 'cancelled', type: { $in: ['accrual', 'initial_balance', 'adjustment'] } },
    { filters: false, fields: ['id'] },
  );
  const cancelledIds = new Set(cancelled.map((transaction) => transaction.id));
  return lots.map((lot) => ({
    amount: lot.amount,
    activationAt: lot.activationAt,
    cancelledAmount: cancelledIds.has(lot.transaction) ? lot.amount : 0n,
  }));
}
