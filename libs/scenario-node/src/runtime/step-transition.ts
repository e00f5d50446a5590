import { nextNodeId, ScenarioGraph } from '../graph/scenario-graph';
import type { RunStatus } from '../entities/scenario-run.entity';
import type { NodeResult } from '../node/scenario-node';

/** Where a run stands after a step: what the run row is updated to. */
export interface StepTransition {
  status: RunStatus;
  nextNode: string | null;
  nextStep: number;
  wakeAt: Date | null;
  finishedAt: Date | null;
  /** The step to queue next (at `wakeAt` when the run sleeps), or null when the run is over. */
  wake: { step: number; at: Date | null } | null;
}

/**
 * Decides the run's next state after node `nodeId` answered `result` at step `step`: follow the
 * edge of the output, sleep until `result.wakeAt` first when it is later than `now`, or end when
 * the output has no edge.
 */
export function stepTransition(
  graph: ScenarioGraph,
  nodeId: string,
  step: number,
  result: NodeResult,
  now: Date,
): StepTransition {
  const nextNode = nextNodeId(graph, nodeId, result.output);
  const sleeps = result.wakeAt != null && result.wakeAt.getTime() > now.getTime();
  if (sleeps) {
    const wakeAt = result.wakeAt as Date;
    return {
      status: 'waiting',
      nextNode,
      nextStep: step + 1,
      wakeAt,
      finishedAt: null,
      wake: { step: step + 1, at: wakeAt },
    };
  }
  if (nextNode) {
    return {
      status: 'running',
      nextNode,
      nextStep: step + 1,
      wakeAt: null,
      finishedAt: null,
      wake: { step: step + 1, at: null },
    };
  }
  return { status: 'completed', nextNode: null, nextStep: step + 1, wakeAt: null, finishedAt: now, wake: null };
}

/** A run waking from a wait whose `done` edge leads nowhere simply completes. */
export function wokenWithoutNode(now: Date, step: number): StepTransition {
  return { status: 'completed', nextNode: null, nextStep: step, wakeAt: null, finishedAt: now, wake: null };
}
