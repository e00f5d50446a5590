import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { OutboxEvent } from './outbox-event.entity';

export interface NewOutboxEvent {
  accountId: number;
  eventType: string;
  subjectKey?: string | null;
  payload: Record<string, unknown>;
  occurredAt: Date;
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
    }),
  );
}
