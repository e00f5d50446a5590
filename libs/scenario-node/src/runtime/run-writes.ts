import type { EntityManager } from '@mikro-orm/postgresql';
import { personSubjectKey } from '@loyalty/contracts';
import { outboxInsert } from '@loyalty/platform';
import type { GraphNode } from '../graph/scenario-graph';
import type { NodeResult } from '../node/scenario-node';
import type { RunRow } from './run-row';
import type { StepTransition } from './step-transition';

/** Outputs that mean the node could not do its job; each writes a `scenario.node_failed` event. */
const FAILURE_OUTPUTS = new Set(['error', 'failed']);

/** Writes the step a node took and moves the run on, in the transaction of the node's effect. */
export async function recordStep(
  em: EntityManager,
  run: RunRow,
  step: number,
  node: GraphNode,
  result: NodeResult,
  transition: StepTransition,
  times: { startedAt: Date; finishedAt: Date },
): Promise<void> {
  const data = result.data ?? {};
  await em.execute(
    `insert into scenario_run_steps (run_id, step, node_id, code, output, data, started_at, finished_at)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      run.id,
      step,
      node.id,
      node.code,
      result.output,
      JSON.stringify(data),
      times.startedAt,
      transition.status === 'waiting' ? null : times.finishedAt,
    ],
  );
  await updateRun(em, run.id, transition, times.finishedAt, {
    profileId: result.profileId ?? null,
    output: { nodeId: node.id, data },
  });
  if (FAILURE_OUTPUTS.has(result.output)) {
    const error = String(data['error_text'] ?? data['error'] ?? `answered ${result.output}`);
    await writeNodeFailed(em, run, node, error, times.finishedAt);
  }
}

/** The wait a run slept in ends now (its step's `finished_at`). */
export async function finishWait(em: EntityManager, runId: number, waitStep: number, now: Date): Promise<void> {
  await em.execute(
    'update scenario_run_steps set finished_at = ? where run_id = ? and step = ? and finished_at is null',
    [now, runId, waitStep],
  );
}

export async function updateRun(
  em: EntityManager,
  runId: number,
  transition: StepTransition,
  now: Date,
  learned: { profileId: string | null; output?: { nodeId: string; data: Record<string, unknown> } } = {
    profileId: null,
  },
): Promise<void> {
  await em.execute(
    `update scenario_runs
        set status = ?, next_node = ?, next_step = ?, wake_at = ?, finished_at = ?, updated_at = ?,
            profile_id = coalesce(?, profile_id),
            outputs = case when ?::text is null then outputs else outputs || jsonb_build_object(?::text, ?::jsonb) end
      where id = ?`,
    [
      transition.status,
      transition.nextNode,
      transition.nextStep,
      transition.wakeAt,
      transition.finishedAt,
      now,
      learned.profileId,
      learned.output?.nodeId ?? null,
      learned.output?.nodeId ?? null,
      learned.output ? JSON.stringify(learned.output.data) : null,
      runId,
    ],
  );
}

/**
 * Ends a run whose step kept throwing (its last attempt failed): `failed`, with the error, and a
 * `scenario.node_failed` event. Does nothing when the run has moved on meanwhile.
 */
export async function failRun(
  em: EntityManager,
  run: RunRow,
  step: number,
  node: GraphNode | null,
  error: string,
  now: Date,
): Promise<boolean> {
  const updated: unknown[] = await em.execute(
    `update scenario_runs set status = 'failed', error = ?, finished_at = ?, updated_at = ?
      where id = ? and next_step = ? and status in ('running', 'waiting')
      returning id`,
    [error, now, now, run.id, step],
  );
  if (updated.length === 0) return false;
  await writeNodeFailed(em, run, node ?? { id: run.nextNode ?? '', code: 'unknown', args: {} }, error, now);
  return true;
}

async function writeNodeFailed(
  em: EntityManager,
  run: RunRow,
  node: GraphNode,
  error: string,
  now: Date,
): Promise<void> {
  const insert = outboxInsert([
    {
      accountId: run.accountId,
      eventType: 'scenario.node_failed',
      subjectKey: run.profileId ? personSubjectKey(run.profileId) : null,
      payload: {
        scenario_id: run.scenarioId,
        run_id: run.id,
        node_id: node.id,
        code: node.code,
        error: error.slice(0, 1000),
      },
      occurredAt: now,
    },
  ]);
  if (insert) await em.execute(insert.sql, insert.params);
}
