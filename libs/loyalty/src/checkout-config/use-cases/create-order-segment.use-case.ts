import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { AccountContext, CLOCK, recordAudit } from '@loyalty/platform';
import { OrderSegment } from '../../entities/order-segment.entity';
import { requireProgram } from '../../repositories/program-lookup';
import { checkCheckoutCondition } from '../domain/checkout-condition';
import { orderSegmentView } from '../views/order-segment-view';

export interface OrderSegmentInput {
  name: string;
  conditions: Record<string, unknown>;
}

/** `loyalty/order_segments/create`: a named checkout condition tree, checked when saved. */
@Injectable()
export class CreateOrderSegment {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(programId: number, input: OrderSegmentInput): Promise<{ id: number }> {
    return this.em.transactional(async (em) => {
      const program = await requireProgram(em, programId);
      await checkCheckoutCondition(em, input.conditions);
      const now = this.clock.now();
      const segment = em.create(OrderSegment, {
        account: AccountContext.accountId(),
        program: program.id,
        name: input.name,
        conditions: input.conditions,
        createdAt: now,
        updatedAt: now,
      });
      await em.flush();
      recordAudit(em, this.clock, {
        entityType: 'order_segment',
        entityId: segment.id,
        action: 'create',
        after: orderSegmentView(segment),
      });
      return { id: segment.id };
    });
  }
}
