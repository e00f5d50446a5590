import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { findPage, PageRequest } from '@loyalty/platform';
import { ProductSegment } from '../entities/product-segment.entity';
import type { ListPage } from '../use-cases/list-page';
import { segmentView, SegmentView } from './segment-view';

/** `market/product_segments/list`: ascending by id. */
@Injectable()
export class ListProductSegments {
  constructor(private readonly em: EntityManager) {}

  async execute(page: PageRequest): Promise<ListPage<SegmentView>> {
    const result = await findPage(this.em, ProductSegment, {}, page);
    return {
      items: result.items.map(segmentView),
      nextFromId: result.nextFromId,
      totalCount: await this.em.count(ProductSegment, {}),
    };
  }
}
