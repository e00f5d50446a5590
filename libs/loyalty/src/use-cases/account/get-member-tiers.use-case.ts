import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError } from '@loyalty/kernel';
import { CLOCK } from '@loyalty/platform';
import type { MatchingInput } from '@loyalty/profiles';
import { TierGroup } from '../../entities/tier-group.entity';
import { cumulativeTierSteps } from '../../ledger/tier-keeper';
import { requireMember } from '../../repositories/member-lookup';
import { requireProgram } from '../../repositories/program-lookup';
import { periodicTierSteps } from '../../tiers/periodic-tier-steps';
import { periodicGroupOf } from '../../tiers/periodic-tier-store';

export interface MemberTierAnswer {
  tiers_group_type: string;
  tier_eid: string;
  tier_id: number;
  tier_order: number;
  reached_at: string;
}

/**
 * `loyalty/account/tiers`: the tiers the member reached in a group, current tier last. Cumulative:
 * every tier reached, by rank, computed from the activated qualification points at the time of the
 * read. Periodic: the tier held since registration and every change since, oldest first, with the
 * changes of reviews already due even if the worker has not run them yet.
 */
@Injectable()
export class GetMemberTiers {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: {
    programId: number;
    person: MatchingInput;
    tiersGroupId: number;
  }): Promise<MemberTierAnswer[]> {
    const program = await requireProgram(this.em, input.programId);
    const group = await this.em.findOne(TierGroup, { id: input.tiersGroupId, program: program.id });
    if (!group) throw DomainError.notFound(`Tier group ${input.tiersGroupId}`);
    const { member } = await requireMember(this.em, program, input.person);
    const periodic = await periodicGroupOf(this.em, group);
    if (periodic) {
      return (await periodicTierSteps(this.em, member, periodic, this.clock.now())).map((step) => ({
        tiers_group_type: group.type,
        tier_eid: step.tier.tierEid,
        tier_id: step.tier.id,
        tier_order: step.tier.tierOrder,
        reached_at: step.reachedAt.toISOString(),
      }));
    }
    const steps = await cumulativeTierSteps(this.em, member, [group], this.clock.now());
    return steps
      .sort((a, b) => a.tier.tierOrder - b.tier.tierOrder)
      .map((step) => ({
        tiers_group_type: group.type,
        tier_eid: step.tier.tierEid,
        tier_id: step.tier.id,
        tier_order: step.tier.tierOrder,
        reached_at: step.reachedAt.toISOString(),
      }));
  }
}
