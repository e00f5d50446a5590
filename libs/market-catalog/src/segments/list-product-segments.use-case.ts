import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type CountedPage, findPage, PageRequest } from '@loyalty/platform';
import { ProductSegment } from '../entities/product-segment.entity';
import { segmentView, SegmentView } from './segment-view';

/** `market/product_segments/list`: ascending by id. */
@Injectable()
export class ListProductSegments {
  constructor(private readonly em: EntityManager) {}

  async execute(page: PageRequest): Promise<CountedPage<SegmentView>> {
    const result = await findPage(this.em, ProductSegment, {}, page);
    return {
      items: result.items.map(segmentView),
      nextFromId: result.nextFromId,
      totalCount: await this.em.count(ProductSegment, {}),
    };
  }
}
