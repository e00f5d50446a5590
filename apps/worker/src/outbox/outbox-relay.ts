import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { Clock } from '@loyalty/kernel';
import { APP_CONFIG, AppConfig, CLOCK, LOGGER } from '@loyalty/platform';
import { OutboxSink, RelayedEvent } from './outbox-sink';

const BATCH_SIZE = 500;

interface OutboxRow {
  id: string;
  account_id: string;
  event_id: string;
  event_type: string;
  subject_key: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date;
}

/**
 * Polls the outbox and hands new events to the sink in id order. Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so several workers share the work; a batch is marked relayed in the same
 * transaction that read it, after the sink accepted it (at-least-once).
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

  private relayBatch(): Promise<number> {
    return this.orm.em.fork().transactional(async (em) => {
      const rows: OutboxRow[] = await em.execute(
        `select id, account_id, event_id, event_type, subject_key, payload, occurred_at
           from outbox_events where relayed_at is null order by id limit ? for update skip locked`,
        [BATCH_SIZE],
      );
      if (rows.length === 0) return 0;
      await this.sink.deliver(rows.map(toEvent));
      await em.execute('update outbox_events set relayed_at = ? where id in (?)', [
        this.clock.now(),
        rows.map((row) => row.id),
      ]);
      return rows.length;
    });
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
    occurredAt: row.occurred_at,
  };
}
