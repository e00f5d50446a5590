import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { Clock } from '@loyalty/kernel';
import { CLOCK, LOGGER } from '@loyalty/platform';
import { RunScheduler, startRunsFromOutbox } from '@loyalty/scenario-node';
import { AfterRelay, OutboxSink, RelayedEvent } from '../outbox/outbox-sink';

/** Engine events start scenario runs: the runs are written in the relay's transaction, their first steps queued after it. */
@Injectable()
export class ScenarioTriggerSink extends OutboxSink {
  constructor(
    private readonly scheduler: RunScheduler,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  async deliver(events: RelayedEvent[], em: EntityManager): Promise<AfterRelay | void> {
    const runs = await startRunsFromOutbox(em, events, this.clock.now());
    if (runs.length === 0) return;
    return () =>
      this.scheduler.wake(
        runs.map((run) => ({ runId: run.runId, step: 1 })),
        this.logger,
      );
  }
}
