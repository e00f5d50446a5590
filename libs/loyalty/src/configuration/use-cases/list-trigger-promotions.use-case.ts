import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import { type CountedPage, findPage, PageRequest } from '@loyalty/platform';
import { Promotion } from '../../entities/promotion.entity';
import { requireProgram } from '../../repositories/program-lookup';
import { triggerPromotionItem, TriggerPromotionItem } from '../views/promotion-view';

/** `loyalty/trigger_promotions` (spec api.md §7): a program's trigger promotions with their rules, ascending by id. */
@Injectable()
export class ListTriggerPromotions {
  constructor(private readonly em: EntityManager) {}

  async execute(
    programId: number,
    isActive: boolean | null | undefined,
    page: PageRequest,
  ): Promise<CountedPage<TriggerPromotionItem>> {
    const program = await requireProgram(this.em, programId);
    const where: FilterQuery<Promotion> = {
      program: program.id,
      type: 'trigger',
      ...(isActive != null ? { isActive } : {}),
    };
    const result = await findPage(this.em, Promotion, where, page);
    return {
      items: result.items.map(triggerPromotionItem),
      nextFromId: result.nextFromId,
      totalCount: await this.em.count(Promotion, where),
    };
  }
}
