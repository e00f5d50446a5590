import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type CountedPage, findPage, PageRequest } from '@loyalty/platform';
import { LoyaltyProgram } from '../../entities/loyalty-program.entity';
import { programView, ProgramView } from '../views/program-view';

/** `loyalty/programs/list`: the account's programs, ascending by id. */
@Injectable()
export class ListPrograms {
  constructor(private readonly em: EntityManager) {}

  async execute(page: PageRequest): Promise<CountedPage<ProgramView>> {
    const result = await findPage(this.em, LoyaltyProgram, {}, page);
    return {
      items: result.items.map(programView),
      nextFromId: result.nextFromId,
      totalCount: await this.em.count(LoyaltyProgram, {}),
    };
  }
}
