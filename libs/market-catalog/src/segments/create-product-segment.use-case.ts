import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { AccountContext, CLOCK, recordAudit } from '@loyalty/platform';
import { ProductSegment } from '../entities/product-segment.entity';
import { loadCustomFieldTypes } from './catalog-facts-loader';
import { checkSegmentDefinition, SegmentDefinition } from './segment-definition';
import { segmentView } from './segment-view';

/** `market/product_segments/create`. */
@Injectable()
export class CreateProductSegment {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(definition: SegmentDefinition): Promise<{ id: number }> {
    return this.em.transactional(async (em) => {
      const checked = checkSegmentDefinition(definition, await loadCustomFieldTypes(em));
      const now = this.clock.now();
      const segment = em.create(ProductSegment, {
        account: AccountContext.accountId(),
        name: definition.name,
        entity: definition.entity,
        kind: definition.kind,
        items: checked.items,
        conditions: checked.conditions,
        createdAt: now,
        updatedAt: now,
      });
      await em.flush();
      recordAudit(em, this.clock, {
        entityType: 'product_segment',
        entityId: segment.id,
        action: 'create',
        after: segmentView(segment),
      });
      return { id: segment.id };
    });
  }
}
