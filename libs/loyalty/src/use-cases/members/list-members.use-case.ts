import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type CountedPage, DEFAULT_PAGE_LIMIT } from '@loyalty/platform';
import { Profile } from '@loyalty/profiles';
import { Member } from '../../entities/member.entity';
import { Tier } from '../../entities/tier.entity';
import { requireProgram } from '../../repositories/program-lookup';

export interface MemberListItem {
  member: Member;
  profile: Profile;
}

/**
 * `loyalty/members/list`: active members ascending by member id; `tier_eid` keeps those whose
 * current tier (the latest of their recorded tier history in a group) is that tier, so a member
 * who moved up, or down at a periodic review, is listed under the tier they hold now.
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
    if (input.tierEid) memberIds = await this.membersHolding(program.id, input.tierEid);
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

  private async membersHolding(programId: number, tierEid: string): Promise<number[]> {
    const tiers = await this.em.find(Tier, { tierEid });
    if (tiers.length === 0) return [];
    const rows: { member_id: string }[] = await this.em.execute(
      `select member_id from (
         select distinct on (h.member_id, h.group_id) h.member_id, h.tier_id
           from member_tier_history h join tier_groups g on g.id = h.group_id
          where g.program_id = ?
          order by h.member_id, h.group_id, h.reached_at desc, h.id desc) current
        where tier_id = any(?::bigint[])`,
      [programId, `{${tiers.map((tier) => tier.id).join(',')}}`],
    );
    return rows.map((row) => Number(row.member_id));
  }
}
