import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { OutboxEvent } from './outbox-event.entity';

export interface NewOutboxEvent {
  accountId: number;
  eventType: string;
  subjectKey?: string | null;
  payload: Record<string, unknown>;
  occurredAt: Date;
  /** False when the event must not start scenario runs (an order committed with `skip_triggers`). */
  startsScenarios?: boolean;
}

/**
 * Adds events to the unit of work of `em`: they are written by the same flush and transaction
 * as the business change, so an event exists if and only if its change committed.
 */
export function writeOutboxEvents(em: EntityManager, events: NewOutboxEvent[]): OutboxEvent[] {
  return events.map((event) =>
    em.create(OutboxEvent, {
      account: event.accountId,
      eventId: randomUUID(),
      eventType: event.eventType,
      subjectKey: event.subjectKey ?? null,
      payload: event.payload,
      occurredAt: event.occurredAt,
      startsScenarios: event.startsScenarios ?? true,
    }),
  );
}

/**
 * One SQL statement that inserts the events (for hot paths without a unit of work, which run it in
 * their transaction, possibly together with other statements); null when there is nothing to write.
 */
export function outboxInsert(events: NewOutboxEvent[]): { sql: string; params: unknown[] } | null {
  if (events.length === 0) return null;
  return {
    sql: `insert into outbox_events (account_id, event_id, event_type, subject_key, payload, occurred_at, starts_scenarios)
          values ${events.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    params: events.flatMap((event) => [
      event.accountId,
      randomUUID(),
      event.eventType,
      event.subjectKey ?? null,
      JSON.stringify(event.payload),
      event.occurredAt,
      event.startsScenarios ?? true,
    ]),
  };
}
