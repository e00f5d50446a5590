import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { requireSegment } from './require-segment';
import { segmentView, SegmentView } from './segment-view';

/** `market/product_segments/get`. */
@Injectable()
export class GetProductSegment {
  constructor(private readonly em: EntityManager) {}

  async execute(segmentId: number): Promise<SegmentView> {
    return segmentView(await requireSegment(this.em, segmentId));
  }
}
