import type { EntityManager } from '@mikro-orm/postgresql';
import { StartedRun, storeEventAndStartRuns } from './start-runs';

/** An engine event from the outbox, as the relay hands it on. */
export interface EngineEvent {
  accountId: number;
  eventId: string;
  eventType: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
  startsScenarios: boolean;
}

/**
 * Starts the runs of engine events (`member.registered`, `points.expiring`, `order.committed`,
 * `tier.changed`, ...) in the relay's transaction: an event starts a run of every active scenario
 * of its account whose trigger is the event's type, with the event's `profile_id` as the person.
 * Events marked not to start scenarios (an order committed with `skip_triggers`) are skipped, and
 * so is every event of an account with no active scenario for its type (one query for the batch).
 */
export async function startRunsFromOutbox(em: EntityManager, events: EngineEvent[], now: Date): Promise<StartedRun[]> {
  const candidates = events.filter((event) => event.startsScenarios);
  if (candidates.length === 0) return [];
  const listened = await listenedTypes(em, candidates);
  const runs: StartedRun[] = [];
  for (const event of candidates) {
    if (!listened.has(`${event.accountId}/${event.eventType}`)) continue;
    const profileId = typeof event.payload['profile_id'] === 'string' ? event.payload['profile_id'] : null;
    const stored = await storeEventAndStartRuns(
      em,
      {
        accountId: event.accountId,
        eventId: event.eventId,
        eventName: event.eventType,
        source: 'outbox',
        person: profileId ? { matching: 'profile_id', profile_id: profileId } : null,
        profileId,
        payload: event.payload,
        fingerprint: null,
        occurredAt: event.occurredAt,
      },
      now,
    );
    if (stored.stored) runs.push(...stored.runs);
  }
  return runs;
}

async function listenedTypes(em: EntityManager, events: EngineEvent[]): Promise<Set<string>> {
  const rows: Array<{ account_id: string; trigger_event: string }> = await em.execute(
    `select distinct account_id, trigger_event from scenarios
      where is_active and account_id in (?) and trigger_event in (?)`,
    [[...new Set(events.map((event) => event.accountId))], [...new Set(events.map((event) => event.eventType))]],
  );
  return new Set(rows.map((row) => `${Number(row.account_id)}/${row.trigger_event}`));
}
