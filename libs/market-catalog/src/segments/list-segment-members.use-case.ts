import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { compileProductCondition } from '@loyalty/loyalty-engine';
import { PageRequest } from '@loyalty/platform';
import { catalogItemFacts, loadCategoryAncestry, loadCustomFieldTypes } from './catalog-facts-loader';
import { requireSegment } from './require-segment';

export const DEFAULT_MEMBERS_LIMIT = 1000;

/**
 * `market/product_segments/members`: the external ids of the live products (or SKUs) in the
 * segment, in id order, a page at a time (`next_from_id` continues after the last one). A static
 * segment reads only its listed items; a dynamic one evaluates its compiled tree on the catalog.
 */
@Injectable()
export class ListSegmentMembers {
  constructor(private readonly em: EntityManager) {}

  async execute(segmentId: number, page: PageRequest = {}): Promise<{ items: string[]; next_from_id: number | null }> {
    const segment = await requireSegment(this.em, segmentId);
    const limit = page.limit ?? DEFAULT_MEMBERS_LIMIT;
    const customFieldType = await loadCustomFieldTypes(this.em);
    const categories = await loadCategoryAncestry(this.em);
    const condition =
      segment.kind === 'dynamic'
        ? compileProductCondition(segment.conditions, { itemEntity: segment.entity, customFieldType })
        : null;
    const members: Array<{ id: number; externalId: string }> = [];
    const items = catalogItemFacts(this.em, segment.entity, customFieldType, {
      afterId: page.fromId ?? 0,
      externalIds: condition ? undefined : segment.items,
    });
    for await (const item of items) {
      if (condition && !condition.matches(item.facts, categories)) continue;
      members.push(item);
      if (members.length > limit) break;
    }
    const shown = members.slice(0, limit);
    return {
      items: shown.map((member) => member.externalId),
      next_from_id: members.length > limit ? shown[shown.length - 1].id : null,
    };
  }
}
