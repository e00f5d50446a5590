import type { EntityManager } from '@mikro-orm/postgresql';
import type { QualificationLot, ReviewSchedule, Tier as LadderTier } from '@loyalty/loyalty-engine';
import { LoyaltyProgram } from '../entities/loyalty-program.entity';
import { TierGroup } from '../entities/tier-group.entity';
import { Tier } from '../entities/tier.entity';

type Raw = Record<string, unknown>;

/** A periodic group with what its reviews need: the ladder, the schedule in the program's zone. */
export interface PeriodicGroup {
  group: TierGroup;
  program: LoyaltyProgram;
  tiers: Tier[];
  ladder: LadderTier[];
  schedule: ReviewSchedule;
}

/** The group if it is periodic with a review schedule; null otherwise (or when it is gone). Any account. */
export async function loadPeriodicGroup(em: EntityManager, groupId: number): Promise<PeriodicGroup | null> {
  const group = await em.findOne(TierGroup, { id: groupId }, { filters: false });
  if (!group) return null;
  return periodicGroupOf(em, group);
}

export async function periodicGroupOf(em: EntityManager, group: TierGroup): Promise<PeriodicGroup | null> {
  if (group.type !== 'periodic' || group.reviewAnchorDate == null || group.reviewPeriodMonths == null) return null;
  const program = await em.findOneOrFail(LoyaltyProgram, { id: group.program }, { filters: false });
  const tiers = await em.find(Tier, { group: group.id }, { orderBy: { tierOrder: 'asc' }, filters: false });
  return {
    group,
    program,
    tiers,
    ladder: tiers.map((tier) => ({ tierId: tier.id, threshold: tier.threshold, order: tier.tierOrder })),
    schedule: {
      anchorDate: group.reviewAnchorDate,
      periodMonths: group.reviewPeriodMonths,
      timeZone: program.timezone,
    },
  };
}

const idArray = (ids: readonly number[]) => `{${ids.join(',')}}`;

/**
 * Qualification lots of members in one currency activated in `[from, to)`, net of cancellations
 * (a cancelled accrual takes its whole lot back, as for cumulative tiers), by member.
 */
export async function periodLots(
  em: EntityManager,
  currencyId: number,
  memberIds: readonly number[],
  from: Date,
  to: Date,
): Promise<Map<number, QualificationLot[]>> {
  const byMember = new Map<number, QualificationLot[]>();
  if (memberIds.length === 0) return byMember;
  const rows: Raw[] = await em.execute(
    `select a.member_id, l.amount, l.activation_at, t.status
       from points_accounts a
       join points_lots l on l.points_account_id = a.id
       join points_transactions t on t.id = l.transaction_id
      where a.currency_id = ? and a.member_id = any(?::bigint[])
        and l.activation_at >= ? and l.activation_at < ?`,
    [currencyId, idArray(memberIds), from, to],
  );
  for (const row of rows) {
    const member = Number(row['member_id']);
    const amount = BigInt(row['amount'] as string);
    const lots = byMember.get(member) ?? [];
    lots.push({
      amount,
      activationAt: new Date(row['activation_at'] as string),
      cancelledAmount: row['status'] === 'cancelled' ? amount : 0n,
    });
    byMember.set(member, lots);
  }
  return byMember;
}

/** The latest recorded tier of each member in a group (none: the member holds the base tier). */
export async function latestTiers(
  em: EntityManager,
  groupId: number,
  memberIds: readonly number[],
): Promise<Map<number, { tierId: number; reachedAt: Date }>> {
  const latest = new Map<number, { tierId: number; reachedAt: Date }>();
  if (memberIds.length === 0) return latest;
  const rows: Raw[] = await em.execute(
    `select distinct on (member_id) member_id, tier_id, reached_at
       from member_tier_history
      where group_id = ? and member_id = any(?::bigint[])
      order by member_id, reached_at desc, id desc`,
    [groupId, idArray(memberIds)],
  );
  for (const row of rows) {
    latest.set(Number(row['member_id']), {
      tierId: Number(row['tier_id']),
      reachedAt: new Date(row['reached_at'] as string),
    });
  }
  return latest;
}

/** The latest review of the group that finished (reviews finish in order), or null. */
export async function lastDoneReview(em: EntityManager, groupId: number): Promise<Date | null> {
  const [row]: Raw[] = await em.execute(
    `select max(review_at) as review_at from tier_reviews where group_id = ? and status = 'done'`,
    [groupId],
  );
  return row?.['review_at'] == null ? null : new Date(row['review_at'] as string);
}

/**
 * The latest review that has reached a member: finished, or running with the member's batch
 * committed (members go in id order).
 */
export async function lastReviewOfMember(em: EntityManager, groupId: number, memberId: number): Promise<Date | null> {
  const [row]: Raw[] = await em.execute(
    `select max(review_at) as review_at from tier_reviews
      where group_id = ? and (status = 'done' or last_member_id >= ?)`,
    [groupId, memberId],
  );
  return row?.['review_at'] == null ? null : new Date(row['review_at'] as string);
}
