import type { EntityManager } from '@mikro-orm/postgresql';
import type { MatchingInput } from '@loyalty/profiles';
import type { ScenarioEventSource } from '../entities/scenario-event.entity';

/** An event as it is stored to start runs. */
export interface IncomingEvent {
  accountId: number;
  eventId: string;
  eventName: string;
  source: ScenarioEventSource;
  person: MatchingInput | null;
  profileId: string | null;
  payload: Record<string, unknown>;
  fingerprint: string | null;
  occurredAt: Date;
}

export interface StartedRun {
  runId: number;
  scenarioId: number;
}

/** What storing an event did: the runs it started, or (`stored` false) the runs it had started before. */
export interface StoredEvent {
  stored: boolean;
  fingerprint: string | null;
  runs: StartedRun[];
}

/**
 * Stores the event once per (account, `event_id`) and starts a run of every active scenario
 * listening to it, at the first node of the scenario's current version; an event stored before
 * answers the runs it started then. Runs inside the caller's transaction. Two calls with the same
 * id at once: the second waits on the unique key and then reads the first one's runs.
 */
export async function storeEventAndStartRuns(em: EntityManager, event: IncomingEvent, now: Date): Promise<StoredEvent> {
  const [inserted]: Array<{ id: string }> = await em.execute(
    `insert into scenario_events (account_id, event_id, event_name, source, person, payload, fingerprint, occurred_at, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (account_id, event_id) do nothing
     returning id`,
    [
      event.accountId,
      event.eventId,
      event.eventName,
      event.source,
      event.person ? JSON.stringify(event.person) : null,
      JSON.stringify(event.payload),
      event.fingerprint,
      event.occurredAt,
      now,
    ],
  );
  if (!inserted) return storedBefore(em, event);
  const runs: Array<{ id: string; scenario_id: string }> = await em.execute(
    `insert into scenario_runs (account_id, scenario_id, version_id, event_id, status, next_node, next_step,
                                person, profile_id, outputs, started_at, updated_at)
     select s.account_id, s.id, v.id, ?, 'running', v.nodes -> 0 ->> 'id', 1, ?, ?, '{}'::jsonb, ?, ?
       from scenarios s
       join scenario_versions v on v.scenario_id = s.id and v.version = s.version
      where s.account_id = ? and s.trigger_event = ? and s.is_active
      order by s.id
     returning id, scenario_id`,
    [
      Number(inserted.id),
      event.person ? JSON.stringify(event.person) : null,
      event.profileId,
      now,
      now,
      event.accountId,
      event.eventName,
    ],
  );
  return { stored: true, fingerprint: event.fingerprint, runs: runs.map(toStartedRun) };
}

async function storedBefore(em: EntityManager, event: IncomingEvent): Promise<StoredEvent> {
  const [existing]: Array<{ id: string; fingerprint: string | null }> = await em.execute(
    'select id, fingerprint from scenario_events where account_id = ? and event_id = ?',
    [event.accountId, event.eventId],
  );
  const runs: Array<{ id: string; scenario_id: string }> = await em.execute(
    'select id, scenario_id from scenario_runs where event_id = ? order by id',
    [Number(existing.id)],
  );
  return { stored: false, fingerprint: existing.fingerprint, runs: runs.map(toStartedRun) };
}

function toStartedRun(row: { id: string; scenario_id: string }): StartedRun {
  return { runId: Number(row.id), scenarioId: Number(row.scenario_id) };
}
