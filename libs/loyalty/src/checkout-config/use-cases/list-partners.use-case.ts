import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type CountedPage, findPage, PageRequest } from '@loyalty/platform';
import { Partner } from '../../entities/partner.entity';
import { requireProgram } from '../../repositories/program-lookup';
import { partnerView, PartnerView } from '../views/partner-view';

/** `loyalty/partners/list`: a program's partners, ascending by id. */
@Injectable()
export class ListPartners {
  constructor(private readonly em: EntityManager) {}

  async execute(programId: number, page: PageRequest): Promise<CountedPage<PartnerView>> {
    const program = await requireProgram(this.em, programId);
    const result = await findPage(this.em, Partner, { program: program.id }, page);
    return {
      items: result.items.map(partnerView),
      nextFromId: result.nextFromId,
      totalCount: await this.em.count(Partner, { program: program.id }),
    };
  }
}
