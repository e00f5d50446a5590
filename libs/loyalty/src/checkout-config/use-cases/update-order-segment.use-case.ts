import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { CLOCK, recordAudit } from '@loyalty/platform';
import { requireProgram } from '../../repositories/program-lookup';
import { isSameDocument } from '../../configuration/use-cases/same-document';
import { checkCheckoutCondition } from '../domain/checkout-condition';
import { orderSegmentView, OrderSegmentView } from '../views/order-segment-view';
import type { OrderSegmentInput } from './create-order-segment.use-case';
import { requireOrderSegment } from './order-segment-lookup';

/** `loyalty/order_segments/update`: a partial patch of the name and the tree; answers the segment. */
@Injectable()
export class UpdateOrderSegment {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(programId: number, segmentId: number, patch: Partial<OrderSegmentInput>): Promise<OrderSegmentView> {
    return this.em.transactional(async (em) => {
      const program = await requireProgram(em, programId);
      const segment = await requireOrderSegment(em, program.id, segmentId);
      const before = orderSegmentView(segment);
      const name = patch.name ?? segment.name;
      const conditions = patch.conditions ?? segment.conditions;
      if (patch.conditions !== undefined) await checkCheckoutCondition(em, conditions);
      if (isSameDocument({ name, conditions }, { name: before.name, conditions: before.conditions })) return before;
      Object.assign(segment, { name, conditions, updatedAt: this.clock.now() });
      await em.flush();
      const after = orderSegmentView(segment);
      recordAudit(em, this.clock, {
        entityType: 'order_segment',
        entityId: segment.id,
        action: 'update',
        before,
        after,
      });
      return after;
    });
  }
}
