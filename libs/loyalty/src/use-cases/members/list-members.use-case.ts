import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type CountedPage, DEFAULT_PAGE_LIMIT } from '@loyalty/platform';
import { Profile } from '@loyalty/profiles';
import { Member } from '../../entities/member.entity';
import { TierHistoryEntry } from '../../entities/tier-history-entry.entity';
import { Tier } from '../../entities/tier.entity';
import { requireProgram } from '../../repositories/program-lookup';

export interface MemberListItem {
  member: Member;
  profile: Profile;
}

/**
 * `loyalty/members/list`: active members ascending by member id; `tier_eid` keeps those whose
 * recorded tier history has reached that tier.
 */
@Injectable()
export class ListMembers {
  constructor(private readonly em: EntityManager) {}

  async execute(input: {
    programId: number;
    fromId?: number | null;
    limit?: number | null;
    tierEid?: string | null;
  }): Promise<CountedPage<MemberListItem>> {
    const program = await requireProgram(this.em, input.programId);
    const limit = input.limit ?? DEFAULT_PAGE_LIMIT;
    let memberIds: number[] | null = null;
    if (input.tierEid) {
      const tiers = await this.em.find(Tier, { tierEid: input.tierEid });
      const reached = tiers.length
        ? await this.em.find(TierHistoryEntry, { tier: { $in: tiers.map((tier) => tier.id) } })
        : [];
      memberIds = [...new Set(reached.map((entry) => entry.member))];
    }
    const where = {
      program: program.id,
      status: 'active' as const,
      ...(memberIds ? { id: { $in: memberIds } } : {}),
    };
    const rows = await this.em.find(
      Member,
      {
        ...where,
        ...(input.fromId != null ? { id: { $gt: input.fromId, ...(memberIds ? { $in: memberIds } : {}) } } : {}),
      },
      { orderBy: { id: 'asc' }, limit: limit + 1 },
    );
    const page = rows.slice(0, limit);
    const profiles = page.length
      ? await this.em.find(Profile, { id: { $in: page.map((member) => member.profile) } })
      : [];
    const byId = new Map(profiles.map((profile) => [profile.id, profile]));
    return {
      items: page.map((member) => ({ member, profile: byId.get(member.profile) as Profile })),
      nextFromId: rows.length > limit ? page[page.length - 1].id : null,
      totalCount: await this.em.count(Member, where),
    };
  }
}
