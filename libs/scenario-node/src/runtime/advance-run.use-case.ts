import { Inject, Injectable } from '@nestjs/common';
import { RequestContext } from '@mikro-orm/core';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { Clock } from '@loyalty/kernel';
import { AccountContext, CLOCK, LOGGER } from '@loyalty/platform';
import { graphNode } from '../graph/scenario-graph';
import { NodeRegistry } from '../node/node-registry';
import type { NodeContext, NodeResult, ScenarioNode } from '../node/scenario-node';
import { lockRun, readRun, RunRow, runIsAt } from './run-row';
import { RunScheduler } from './run-scheduler';
import { failRun, finishWait, recordStep, updateRun } from './run-writes';
import { ScenarioGraphs } from './scenario-graphs';
import { StepTransition, stepTransition, wokenWithoutNode } from './step-transition';

/** What a step job did: `stale` when the run was not at that step (a duplicate or a finished run). */
export type StepOutcome =
  | { kind: 'stale' }
  | { kind: 'early'; wakeAt: Date }
  | { kind: 'done'; status: StepTransition['status']; output: string | null };

/**
 * Executes one step of a run (the `scenarios.run.step` job): the node at `nextNode`, then the run
 * follows the edge of its output. The node's effect, the step row and the run's new state are
 * written in one transaction holding the run's row lock, so a retried or duplicated job finds the
 * run moved on and does nothing; ledger nodes also use the step's `effectKey` as `transaction_eid`.
 * A node that calls out (a webhook) runs before that transaction, so it may be repeated on a
 * crash (at least once, with the same event id for the receiver to drop the duplicate).
 */
@Injectable()
export class AdvanceRun {
  constructor(
    private readonly orm: MikroORM,
    private readonly registry: NodeRegistry,
    private readonly graphs: ScenarioGraphs,
    private readonly scheduler: RunScheduler,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(runId: number, step: number): Promise<StepOutcome> {
    const run = await readRun(this.orm.em.fork(), runId);
    if (!runIsAt(run, step)) return { kind: 'stale' };
    if (run.status === 'waiting' && run.wakeAt && run.wakeAt.getTime() > this.clock.now().getTime()) {
      return { kind: 'early', wakeAt: run.wakeAt };
    }
    return this.inAccount(run, () => this.advance(run, step));
  }

  /**
   * Ends the run after the step's last attempt threw: `failed` with the error and a
   * `scenario.node_failed` event.
   */
  async fail(runId: number, step: number, error: unknown): Promise<boolean> {
    const run = await readRun(this.orm.em.fork(), runId);
    if (!runIsAt(run, step)) return false;
    const node = run.nextNode
      ? graphNode(await this.graphs.get(this.orm.em.fork(), run.versionId), run.nextNode)
      : null;
    const message = error instanceof Error ? error.message : String(error);
    return this.orm.em.fork().transactional((em) => failRun(em, run, step, node ?? null, message, this.clock.now()));
  }

  private inAccount<T>(run: RunRow, fn: () => Promise<T>): Promise<T> {
    return AccountContext.run({ accountId: run.accountId, tokenId: null, role: 'admin' }, () =>
      RequestContext.create(this.orm.em, fn),
    );
  }

  private async advance(run: RunRow, step: number): Promise<StepOutcome> {
    const em = this.orm.em as EntityManager;
    if (!run.nextNode) return this.wakeIntoNothing(em, run, step);
    const graph = await this.graphs.get(em, run.versionId);
    const node = graphNode(graph, run.nextNode);
    if (!node) throw new Error(`Run ${run.id}: node ${run.nextNode} is not in its scenario version`);
    const definition = this.registry.require(node.code);
    const startedAt = this.clock.now();
    const context = nodeContext(run, node.id, step, startedAt);
    const outside = definition.runs === 'outside-transaction' ? await definition.execute(context, node.args) : null;
    const outcome = await em.transactional(async (tx) => {
      const locked = await lockRun(tx, run.id);
      if (!runIsAt(locked, step)) return null;
      if (locked.status === 'waiting') await finishWait(tx, run.id, step - 1, startedAt);
      const result = checkedResult(definition, outside ?? (await definition.execute(context, node.args)));
      const finishedAt = this.clock.now();
      const transition = stepTransition(graph, node.id, step, result, finishedAt);
      await recordStep(tx, locked, step, node, result, transition, { startedAt, finishedAt });
      return { transition, output: result.output };
    });
    if (!outcome) return { kind: 'stale' };
    await this.wakeNext(run.id, outcome.transition);
    return { kind: 'done', status: outcome.transition.status, output: outcome.output };
  }

  /** A run woken from a wait whose `done` edge leads nowhere: it completes. */
  private async wakeIntoNothing(em: EntityManager, run: RunRow, step: number): Promise<StepOutcome> {
    const now = this.clock.now();
    const done = await em.transactional(async (tx) => {
      if (!runIsAt(await lockRun(tx, run.id), step)) return false;
      await finishWait(tx, run.id, step - 1, now);
      await updateRun(tx, run.id, wokenWithoutNode(now, step), now);
      return true;
    });
    return done ? { kind: 'done', status: 'completed', output: null } : { kind: 'stale' };
  }

  private async wakeNext(runId: number, transition: StepTransition): Promise<void> {
    if (transition.wake) {
      await this.scheduler.wake([{ runId, step: transition.wake.step, at: transition.wake.at }], this.logger);
    }
  }
}

function nodeContext(run: RunRow, nodeId: string, step: number, now: Date): NodeContext {
  return {
    accountId: run.accountId,
    scenarioId: run.scenarioId,
    runId: run.id,
    nodeId,
    step,
    event: run.event,
    person: run.person,
    profileId: run.profileId,
    outputs: run.outputs,
    now,
    effectKey: `scenario-run-${run.id}-step-${step}-${nodeId}`,
  };
}

function checkedResult(definition: ScenarioNode, result: NodeResult): NodeResult {
  if (!definition.outputs.includes(result.output)) {
    throw new Error(`Node ${definition.code} answered ${result.output}, which it does not declare`);
  }
  return result;
}
