import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type CountedPage, findPage, PageRequest } from '@loyalty/platform';
import { TierGroup } from '../../entities/tier-group.entity';
import { requireProgram } from '../../repositories/program-lookup';
import { currencyEids, tiersOf } from '../repositories/configuration-lookup';
import { tierGroupView, TierGroupView } from '../views/tier-group-view';

/** `loyalty/tier_groups/list`: a program's tier groups with their tiers, ascending by id. */
@Injectable()
export class ListTierGroups {
  constructor(private readonly em: EntityManager) {}

  async execute(programId: number, page: PageRequest): Promise<CountedPage<TierGroupView>> {
    const program = await requireProgram(this.em, programId);
    const result = await findPage(this.em, TierGroup, { program: program.id }, page);
    const tiers = await tiersOf(
      this.em,
      result.items.map((group) => group.id),
    );
    const eids = await currencyEids(
      this.em,
      result.items.map((group) => group.currency),
    );
    return {
      items: result.items.map((group) =>
        tierGroupView(
          group,
          tiers.filter((tier) => tier.group === group.id),
          eids.get(group.currency) ?? '',
        ),
      ),
      nextFromId: result.nextFromId,
      totalCount: await this.em.count(TierGroup, { program: program.id }),
    };
  }
}
