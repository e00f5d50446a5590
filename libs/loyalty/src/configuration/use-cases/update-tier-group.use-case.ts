import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError, Points } from '@loyalty/kernel';
import { AccountContext, CLOCK, recordAudit } from '@loyalty/platform';
import { PointsCurrency } from '../../entities/points-currency.entity';
import { TierHistoryEntry } from '../../entities/tier-history-entry.entity';
import { Tier } from '../../entities/tier.entity';
import { requireProgram } from '../../repositories/program-lookup';
import { patched, unchanged } from '../domain/field-rules';
import { PlannedTier, planTierLadder, resolveReview, TierGroupInput } from '../domain/tier-ladder';
import { requireTierGroup, tiersOf } from '../repositories/configuration-lookup';
import { tierGroupView, TierGroupView } from '../views/tier-group-view';
import { isSameDocument } from './same-document';

/**
 * `loyalty/tier_groups/update`: a partial patch of `name`, `review` and `tiers`; the type and the
 * currency are fixed at creation (error 1). `tiers` replaces the ladder: a `tier_eid` that stays
 * keeps its `tier_id` (its name, threshold and order may change), new ones get new ids, and a tier
 * that members' tier history names cannot be removed (error 5).
 */
@Injectable()
export class UpdateTierGroup {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(programId: number, groupId: number, input: TierGroupInput): Promise<TierGroupView> {
    return this.em.transactional(async (em) => {
      const program = await requireProgram(em, programId);
      const group = await requireTierGroup(em, program.id, groupId);
      const currency = await em.findOneOrFail(PointsCurrency, { id: group.currency });
      const tiers = await tiersOf(em, [group.id]);
      const before = tierGroupView(group, tiers, currency.externalId);
      unchanged(input.tiers_group_type, group.type, 'tiers_group_type');
      unchanged(input.points_currency_eid, currency.externalId, 'points_currency_eid');
      const name = patched(input.name, group.name, 'name', { parse: (text) => text });
      const review = input.review === undefined ? before.review : resolveReview(group.type, input.review);
      const ladder =
        input.tiers === undefined
          ? null
          : planTierLadder(patched(input.tiers, undefined, 'tiers', { parse: (list) => list }), currency.precision);
      const currentLadder = before.tiers.map(({ tier_eid, name, threshold, tier_order }) => ({
        tier_eid,
        name,
        threshold,
        tier_order,
      }));
      const nextLadder =
        ladder?.map((tier) => ({ ...tier, threshold: Points.format(tier.threshold) })) ?? currentLadder;
      if (name === group.name && isSameDocument([review, nextLadder], [before.review, currentLadder])) return before;

      if (ladder) {
        const kept = new Set(ladder.map((tier) => tier.tier_eid));
        const removed = tiers.filter((tier) => !kept.has(tier.tierEid));
        await refuseRemovingReachedTiers(em, removed);
        for (const tier of removed) em.remove(tier);
        applyLadder(em, group.id, tiers, ladder);
      }
      Object.assign(group, {
        name,
        reviewPeriodMonths: review?.period_months ?? null,
        reviewAnchorDate: review?.anchor_date ?? null,
        updatedAt: this.clock.now(),
      });
      await em.flush();
      const after = tierGroupView(group, await tiersOf(em, [group.id]), currency.externalId);
      recordAudit(em, this.clock, { entityType: 'tier_group', entityId: group.id, action: 'update', before, after });
      return after;
    });
  }
}

async function refuseRemovingReachedTiers(em: EntityManager, removed: Tier[]): Promise<void> {
  if (removed.length === 0) return;
  const reached = await em.findOne(TierHistoryEntry, { tier: { $in: removed.map((tier) => tier.id) } });
  if (!reached) return;
  const tier = removed.find((candidate) => candidate.id === reached.tier);
  const message = `tier ${tier?.tierEid ?? reached.tier} is in members' tier history and cannot be removed`;
  throw DomainError.conflict('tiers', message);
}

function applyLadder(em: EntityManager, groupId: number, existing: Tier[], ladder: PlannedTier[]): void {
  const byEid = new Map(existing.map((tier) => [tier.tierEid, tier]));
  for (const planned of ladder) {
    const fields = { name: planned.name, threshold: planned.threshold, tierOrder: planned.tier_order };
    const tier = byEid.get(planned.tier_eid);
    if (tier) Object.assign(tier, fields);
    else em.create(Tier, { account: AccountContext.accountId(), group: groupId, tierEid: planned.tier_eid, ...fields });
  }
}
