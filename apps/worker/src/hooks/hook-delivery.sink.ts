import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { Clock } from '@loyalty/kernel';
import { createHookDeliveries, DeliveryScheduler } from '@loyalty/notifications';
import { CLOCK, LOGGER } from '@loyalty/platform';
import { AfterRelay, OutboxSink, RelayedEvent } from '../outbox/outbox-sink';

/**
 * The outbox's sink: one delivery row per (event, live hook of its account subscribed to its
 * type), written in the relay's transaction; their jobs are queued after it committed.
 */
@Injectable()
export class HookDeliverySink extends OutboxSink {
  constructor(
    private readonly scheduler: DeliveryScheduler,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  async deliver(events: RelayedEvent[], em: EntityManager): Promise<AfterRelay | void> {
    const created = await createHookDeliveries(em, events, this.clock.now());
    if (created.length === 0) return;
    return () => this.scheduler.wake(created, this.logger);
  }
}
