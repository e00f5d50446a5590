import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type CountedPage, findPage, PageRequest } from '@loyalty/platform';
import { PointsCurrency } from '../../entities/points-currency.entity';
import { requireProgram } from '../../repositories/program-lookup';
import { currencyView, CurrencyView } from '../views/currency-view';

/** `loyalty/points_currencies/list`: a program's currencies, ascending by id. */
@Injectable()
export class ListPointsCurrencies {
  constructor(private readonly em: EntityManager) {}

  async execute(programId: number, page: PageRequest): Promise<CountedPage<CurrencyView>> {
    const program = await requireProgram(this.em, programId);
    const result = await findPage(this.em, PointsCurrency, { program: program.id }, page);
    return {
      items: result.items.map(currencyView),
      nextFromId: result.nextFromId,
      totalCount: await this.em.count(PointsCurrency, { program: program.id }),
    };
  }
}
