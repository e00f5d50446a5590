import type { EntityManager } from '@mikro-orm/postgresql';

/** An unrelayed outbox row as the relay hands it on. */
export interface RelayedEvent {
  id: number;
  accountId: number;
  eventId: string;
  eventType: string;
  subjectKey: string | null;
  payload: Record<string, unknown>;
  occurredAt: Date;
  /** False for events that must not start scenario runs (an order committed with `skip_triggers`). */
  startsScenarios: boolean;
}

/** Work a sink leaves for after the relay's transaction committed (queueing jobs for the rows it wrote). */
export type AfterRelay = () => Promise<void>;

/**
 * Where relayed events go. `deliver` runs inside the transaction that marks the batch relayed and
 * may write through `em`, so what it writes exists exactly when the batch counts as relayed.
 */
export abstract class OutboxSink {
  abstract deliver(events: RelayedEvent[], em: EntityManager): Promise<AfterRelay | void>;
}

/** Several sinks in turn, in the same relay transaction; their after-commit work runs in the same order. */
export class CompositeOutboxSink extends OutboxSink {
  constructor(private readonly sinks: OutboxSink[]) {
    super();
  }

  async deliver(events: RelayedEvent[], em: EntityManager): Promise<AfterRelay | void> {
    const after: AfterRelay[] = [];
    for (const sink of this.sinks) {
      const next = await sink.deliver(events, em);
      if (next) after.push(next);
    }
    if (after.length === 0) return;
    return async () => {
      for (const work of after) await work();
    };
  }
}

export class NoopOutboxSink extends OutboxSink {
  async deliver(): Promise<void> {
    // Intentionally empty: the relay still marks events relayed, so the outbox does not grow.
  }
}
