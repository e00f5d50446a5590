import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { compileProductCondition } from '@loyalty/loyalty-engine';
import { catalogItemFacts, loadCategoryAncestry, loadCustomFieldTypes } from './catalog-facts-loader';
import { requireSegment } from './require-segment';

/**
 * `market/product_segments/members`: the external ids of the live products (or SKUs) in the
 * segment, in id order. A static segment's listed ids that name no live item are left out.
 */
@Injectable()
export class ListSegmentMembers {
  constructor(private readonly em: EntityManager) {}

  async execute(segmentId: number): Promise<{ items: string[]; total_count: number }> {
    const segment = await requireSegment(this.em, segmentId);
    const customFieldType = await loadCustomFieldTypes(this.em);
    const listed = new Set(segment.items);
    const condition =
      segment.kind === 'dynamic'
        ? compileProductCondition(segment.conditions, { itemEntity: segment.entity, customFieldType })
        : null;
    const categories = await loadCategoryAncestry(this.em);
    const items: string[] = [];
    for await (const item of catalogItemFacts(this.em, segment.entity, customFieldType)) {
      const member = condition ? condition.matches(item.facts, categories) : listed.has(item.externalId);
      if (member) items.push(item.externalId);
    }
    return { items, total_count: items.length };
  }
}
