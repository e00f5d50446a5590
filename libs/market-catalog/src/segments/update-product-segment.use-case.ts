import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { CLOCK, recordAudit } from '@loyalty/platform';
import { loadCustomFieldTypes } from './catalog-facts-loader';
import { requireSegment } from './require-segment';
import { checkSegmentDefinition, SegmentDefinition } from './segment-definition';
import { segmentView, SegmentView } from './segment-view';

export type SegmentPatch = { [K in keyof SegmentDefinition]?: SegmentDefinition[K] | null };

/** `market/product_segments/update`: a partial patch; the result is checked as a whole. */
@Injectable()
export class UpdateProductSegment {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(segmentId: number, patch: SegmentPatch): Promise<SegmentView> {
    return this.em.transactional(async (em) => {
      const segment = await requireSegment(em, segmentId);
      const before = segmentView(segment);
      const kind = patch.kind ?? segment.kind;
      const definition: SegmentDefinition = {
        name: patch.name ?? segment.name,
        entity: patch.entity ?? segment.entity,
        kind,
        items: patch.items !== undefined ? patch.items : kind === segment.kind ? segment.items : null,
        conditions:
          patch.conditions !== undefined ? patch.conditions : kind === segment.kind ? segment.conditions : null,
      };
      const checked = checkSegmentDefinition(definition, await loadCustomFieldTypes(em));
      Object.assign(segment, {
        name: definition.name,
        entity: definition.entity,
        kind,
        items: checked.items,
        conditions: checked.conditions,
        updatedAt: this.clock.now(),
      });
      await em.flush();
      const after = segmentView(segment);
      recordAudit(em, this.clock, {
        entityType: 'product_segment',
        entityId: segment.id,
        action: 'update',
        before,
        after,
      });
      return after;
    });
  }
}
