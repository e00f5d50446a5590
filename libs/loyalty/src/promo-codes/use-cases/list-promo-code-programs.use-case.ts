import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type CountedPage, findPage, PageRequest } from '@loyalty/platform';
import { PromoCodeProgram } from '../../entities/promo-code-program.entity';
import { promoCodeProgramView, PromoCodeProgramView } from '../views/promo-code-program-view';

/** `promocodes/programs/list`: the account's promo-code programs, ascending by id. */
@Injectable()
export class ListPromoCodePrograms {
  constructor(private readonly em: EntityManager) {}

  async execute(page: PageRequest): Promise<CountedPage<PromoCodeProgramView>> {
    const result = await findPage(this.em, PromoCodeProgram, {}, page);
    return {
      items: result.items.map(promoCodeProgramView),
      nextFromId: result.nextFromId,
      totalCount: await this.em.count(PromoCodeProgram, {}),
    };
  }
}
