/** An unrelayed outbox row as the relay hands it on. */
export interface RelayedEvent {
  id: number;
  accountId: number;
  eventId: string;
  eventType: string;
  subjectKey: string | null;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

/** Where relayed events go. Until action hooks and scenario triggers exist, nowhere. */
export abstract class OutboxSink {
  abstract deliver(events: RelayedEvent[]): Promise<void>;
}

export class NoopOutboxSink extends OutboxSink {
  async deliver(): Promise<void> {
    // Intentionally empty: the relay still marks events relayed, so the outbox does not grow.
  }
}
