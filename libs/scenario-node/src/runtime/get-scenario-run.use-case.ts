import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { ScenarioEvent } from '../entities/scenario-event.entity';
import { ScenarioRun } from '../entities/scenario-run.entity';
import { ScenarioRunStep } from '../entities/scenario-run-step.entity';
import { ScenarioVersion } from '../entities/scenario-version.entity';

export interface RunStepView {
  step: number;
  node_id: string;
  code: string;
  output: string;
  data: Record<string, unknown>;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
}

export interface ScenarioRunView {
  run_id: number;
  scenario_id: number;
  scenario_version: number;
  event: { event_id: string; event_name: string; occurred_at: string };
  status: ScenarioRun['status'];
  profile_id: string | null;
  next_node: string | null;
  wake_at: string | null;
  error: string | null;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
  path: RunStepView[];
}

/** `scenarios/runs/get`: the run, the path it took, each node's output and data, and timing. */
@Injectable()
export class GetScenarioRun {
  constructor(private readonly em: EntityManager) {}

  async execute(runId: number): Promise<ScenarioRunView> {
    const run = await this.em.findOne(ScenarioRun, { id: runId });
    if (!run) throw DomainError.notFound(`Scenario run ${runId}`);
    const [event, version, steps] = await Promise.all([
      this.em.findOneOrFail(ScenarioEvent, { id: run.event }),
      this.em.findOneOrFail(ScenarioVersion, { id: run.version }),
      this.em.find(ScenarioRunStep, { run: run.id }, { orderBy: { step: 'asc' } }),
    ]);
    return {
      run_id: run.id,
      scenario_id: run.scenario,
      scenario_version: version.version,
      event: { event_id: event.eventId, event_name: event.eventName, occurred_at: event.occurredAt.toISOString() },
      status: run.status,
      profile_id: run.profileId,
      next_node: run.status === 'completed' || run.status === 'failed' ? null : run.nextNode,
      wake_at: run.status === 'waiting' ? (run.wakeAt?.toISOString() ?? null) : null,
      error: run.error,
      started_at: run.startedAt.toISOString(),
      updated_at: run.updatedAt.toISOString(),
      finished_at: run.finishedAt?.toISOString() ?? null,
      path: steps.map(stepView),
    };
  }
}

function stepView(step: ScenarioRunStep): RunStepView {
  return {
    step: step.step,
    node_id: step.nodeId,
    code: step.code,
    output: step.output,
    data: step.data ?? {},
    started_at: step.startedAt.toISOString(),
    finished_at: step.finishedAt?.toISOString() ?? null,
    duration_ms: step.finishedAt ? step.finishedAt.getTime() - step.startedAt.getTime() : null,
  };
}
