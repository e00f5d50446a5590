import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type CountedPage, findPage, PageRequest } from '@loyalty/platform';
import { OrderSegment } from '../../entities/order-segment.entity';
import { requireProgram } from '../../repositories/program-lookup';
import { orderSegmentView, OrderSegmentView } from '../views/order-segment-view';

/** `loyalty/order_segments/list`: a program's order segments, ascending by id. */
@Injectable()
export class ListOrderSegments {
  constructor(private readonly em: EntityManager) {}

  async execute(programId: number, page: PageRequest): Promise<CountedPage<OrderSegmentView>> {
    const program = await requireProgram(this.em, programId);
    const result = await findPage(this.em, OrderSegment, { program: program.id }, page);
    return {
      items: result.items.map(orderSegmentView),
      nextFromId: result.nextFromId,
      totalCount: await this.em.count(OrderSegment, { program: program.id }),
    };
  }
}
