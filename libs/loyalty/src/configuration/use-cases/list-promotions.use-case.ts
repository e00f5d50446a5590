import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import { type CountedPage, findPage, PageRequest } from '@loyalty/platform';
import { Promotion, PromotionType } from '../../entities/promotion.entity';
import { requireProgram } from '../../repositories/program-lookup';
import { programMinorDigits } from '../../domain/program-money';
import { promotionView, PromotionView } from '../views/promotion-view';

export interface PromotionFilter {
  type?: PromotionType | null;
  isActive?: boolean | null;
}

/** `loyalty/promotions/list`: a program's promotions, ascending by id, optionally of one type or activity. */
@Injectable()
export class ListPromotions {
  constructor(private readonly em: EntityManager) {}

  async execute(programId: number, filter: PromotionFilter, page: PageRequest): Promise<CountedPage<PromotionView>> {
    const program = await requireProgram(this.em, programId);
    const where: FilterQuery<Promotion> = {
      program: program.id,
      ...(filter.type != null ? { type: filter.type } : {}),
      ...(filter.isActive != null ? { isActive: filter.isActive } : {}),
    };
    const result = await findPage(this.em, Promotion, where, page);
    return {
      items: result.items.map((promotion) => promotionView(promotion, programMinorDigits(program))),
      nextFromId: result.nextFromId,
      totalCount: await this.em.count(Promotion, where),
    };
  }
}
