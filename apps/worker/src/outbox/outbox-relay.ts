import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { Clock } from '@loyalty/kernel';
import { APP_CONFIG, AppConfig, CLOCK, LOGGER } from '@loyalty/platform';
import { AfterRelay, OutboxSink, RelayedEvent } from './outbox-sink';

const BATCH_SIZE = 500;

interface OutboxRow {
  id: string;
  account_id: string;
  event_id: string;
  event_type: string;
  subject_key: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date | string;
  starts_scenarios: boolean;
}

/** Relays of all workers take turns on this advisory lock, so batches go out in id order. */
const RELAY_LOCK_KEY = 'outbox-relay';

/**
 * Polls the outbox and hands new events to the sink in id order. A batch is read, handed to the
 * sink (which writes hook deliveries through the same transaction) and marked relayed in one
 * transaction, so the sink's rows exist exactly when the batch is relayed; the sink's after-commit
 * work (queueing jobs) runs once it committed. Workers take turns on an advisory lock (a worker
 * that finds it taken skips the tick), so per-subject hook sequences follow event order; the
 * rows are still claimed FOR UPDATE SKIP LOCKED.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly orm: MikroORM,
    private readonly sink: OutboxSink,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running = this.running
        .then(() => this.drain())
        .catch((error: unknown) => this.logger.error({ err: error }, 'outbox relay failed'));
    }, this.config.outboxPollMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Relays until the outbox is empty; returns how many events went out. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const relayed = await this.relayBatch();
      total += relayed;
      if (relayed < BATCH_SIZE) return total;
    }
  }

  private async relayBatch(): Promise<number> {
    const { count, after } = await this.orm.em.fork().transactional(async (em) => {
      const [lock]: Array<{ taken: boolean }> = await em.execute(
        'select pg_try_advisory_xact_lock(hashtextextended(?, 0)) as taken',
        [RELAY_LOCK_KEY],
      );
      if (!lock.taken) return { count: 0, after: undefined };
      const rows: OutboxRow[] = await em.execute(
        `select id, account_id, event_id, event_type, subject_key, payload, occurred_at, starts_scenarios
           from outbox_events where relayed_at is null order by id limit ? for update skip locked`,
        [BATCH_SIZE],
      );
      if (rows.length === 0) return { count: 0, after: undefined };
      const after: AfterRelay | void = await this.sink.deliver(rows.map(toEvent), em);
      await em.execute('update outbox_events set relayed_at = ? where id in (?)', [
        this.clock.now(),
        rows.map((row) => row.id),
      ]);
      return { count: rows.length, after };
    });
    if (after) await after();
    return count;
  }
}

function toEvent(row: OutboxRow): RelayedEvent {
  return {
    id: Number(row.id),
    accountId: Number(row.account_id),
    eventId: row.event_id,
    eventType: row.event_type,
    subjectKey: row.subject_key,
    payload: row.payload,
    occurredAt: new Date(row.occurred_at),
    startsScenarios: row.starts_scenarios,
  };
}
