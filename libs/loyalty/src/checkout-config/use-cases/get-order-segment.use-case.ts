import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { requireProgram } from '../../repositories/program-lookup';
import { orderSegmentView, OrderSegmentView } from '../views/order-segment-view';
import { requireOrderSegment } from './order-segment-lookup';

/** `loyalty/order_segments/get`. */
@Injectable()
export class GetOrderSegment {
  constructor(private readonly em: EntityManager) {}

  async execute(programId: number, segmentId: number): Promise<OrderSegmentView> {
    const program = await requireProgram(this.em, programId);
    return orderSegmentView(await requireOrderSegment(this.em, program.id, segmentId));
  }
}
