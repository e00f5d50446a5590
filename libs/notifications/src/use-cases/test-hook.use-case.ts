import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { Clock } from '@loyalty/kernel';
import { AccountContext, CLOCK, LOGGER } from '@loyalty/platform';
import { hookBody } from '../domain/hook-body';
import { HookDelivery } from '../entities/hook-delivery.entity';
import { DeliveryScheduler } from '../delivery/delivery-scheduler';
import { requireHook } from './require-hook';

/** The event type of `hooks/test` deliveries; no hook subscribes to it, it is sent to the one tested. */
export const TEST_EVENT_TYPE = 'hook.test';

/**
 * `hooks/test`: a delivery of a `hook.test` event (sequence 0) to this hook alone, through the same
 * path as real events: a delivery row, its job, the same signing, retries and dead letter.
 */
@Injectable()
export class TestHook {
  constructor(
    private readonly em: EntityManager,
    private readonly scheduler: DeliveryScheduler,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(hookId: number): Promise<{ deliveryId: number; eventId: string }> {
    const delivery = await this.em.transactional(async (em) => {
      const hook = await requireHook(em, hookId);
      const now = this.clock.now();
      const eventId = randomUUID();
      const accountId = AccountContext.accountId();
      const created = em.create(HookDelivery, {
        account: accountId,
        hook: hook.id,
        eventId,
        eventType: TEST_EVENT_TYPE,
        sequence: 0n,
        body: hookBody({
          eventId,
          eventType: TEST_EVENT_TYPE,
          occurredAt: now,
          accountId,
          sequence: 0n,
          data: { hook_id: hook.id, message: 'A test event from hooks/test' },
        }),
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
      });
      await em.flush();
      return created;
    });
    await this.scheduler.wake([{ deliveryId: delivery.id, attempts: 0 }], this.logger);
    return { deliveryId: delivery.id, eventId: delivery.eventId };
  }
}
