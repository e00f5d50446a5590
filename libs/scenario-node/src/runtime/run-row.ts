import type { EntityManager } from '@mikro-orm/postgresql';
import type { MatchingInput } from '@loyalty/profiles';
import type { RunStatus } from '../entities/scenario-run.entity';
import type { RunEvent } from '../node/scenario-node';

/** A run with its event, as the runtime reads it (plain SQL: the hot path of every step). */
export interface RunRow {
  id: number;
  accountId: number;
  scenarioId: number;
  versionId: number;
  status: RunStatus;
  nextNode: string | null;
  nextStep: number;
  wakeAt: Date | null;
  person: MatchingInput | null;
  profileId: string | null;
  outputs: Record<string, Record<string, unknown>>;
  event: RunEvent;
}

interface RawRun {
  id: string;
  account_id: string;
  scenario_id: string;
  version_id: string;
  status: RunStatus;
  next_node: string | null;
  next_step: number;
  wake_at: Date | string | null;
  person: MatchingInput | null;
  profile_id: string | null;
  outputs: Record<string, Record<string, unknown>>;
  event_uid: string;
  event_name: string;
  payload: Record<string, unknown>;
  occurred_at: Date | string;
}

const SELECT_RUN = `select r.id, r.account_id, r.scenario_id, r.version_id, r.status, r.next_node, r.next_step, r.wake_at,
                           r.person, r.profile_id, r.outputs,
                           e.event_id as event_uid, e.event_name, e.payload, e.occurred_at
                      from scenario_runs r join scenario_events e on e.id = r.event_id
                     where r.id = ?`;

/** The run and its event, whatever its account (a worker job knows only the run id); undefined when missing. */
export async function readRun(em: EntityManager, runId: number): Promise<RunRow | undefined> {
  const [row]: RawRun[] = await em.execute(SELECT_RUN, [runId]);
  return row && toRunRow(row);
}

/** The run locked for the step's transaction: one step of a run at a time. */
export async function lockRun(em: EntityManager, runId: number): Promise<RunRow | undefined> {
  const [row]: RawRun[] = await em.execute(`${SELECT_RUN} for update of r`, [runId]);
  return row && toRunRow(row);
}

function toRunRow(row: RawRun): RunRow {
  return {
    id: Number(row.id),
    accountId: Number(row.account_id),
    scenarioId: Number(row.scenario_id),
    versionId: Number(row.version_id),
    status: row.status,
    nextNode: row.next_node,
    nextStep: row.next_step,
    wakeAt: row.wake_at ? new Date(row.wake_at) : null,
    person: row.person,
    profileId: row.profile_id,
    outputs: row.outputs,
    event: {
      event_id: row.event_uid,
      event_name: row.event_name,
      occurred_at: new Date(row.occurred_at).toISOString(),
      payload: row.payload,
    },
  };
}

/** Whether the run is still at `step` and not over: else the job is a duplicate or stale and does nothing. */
export function runIsAt(run: RunRow | undefined, step: number): run is RunRow {
  return !!run && run.nextStep === step && (run.status === 'running' || run.status === 'waiting');
}
