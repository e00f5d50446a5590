import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { CLOCK, type CountedPage, findPage, PageRequest } from '@loyalty/platform';
import { PromoCode } from '../../entities/promo-code.entity';
import { requirePromoCodeProgram } from '../repositories/promo-code-lookup';
import { PromoCodeListItem, promoCodeView } from '../views/promo-code-view';

/** `promocodes/list`: a program's codes, ascending by id (keyset by `from_id`). */
@Injectable()
export class ListPromoCodes {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(programId: number, page: PageRequest): Promise<CountedPage<PromoCodeListItem>> {
    const program = await requirePromoCodeProgram(this.em, programId);
    const result = await findPage(this.em, PromoCode, { program: program.id }, page);
    const now = this.clock.now();
    return {
      items: result.items.map((code) => ({ id: code.id, ...promoCodeView(code, program, now) })),
      nextFromId: result.nextFromId,
      totalCount: await this.em.count(PromoCode, { program: program.id }),
    };
  }
}
