import { Module } from '@nestjs/common';
import { LoyaltyModule } from '@loyalty/loyalty';
import { NotificationsModule } from '@loyalty/notifications';
import { NodeRegistry } from '../node/node-registry';
import type { ScenarioNode } from '../node/scenario-node';
import { SCENARIO_NODE_CLASSES } from '../nodes/index';
import { AdvanceRun } from '../runtime/advance-run.use-case';
import { FireScenarioEvent } from '../runtime/fire-scenario-event.use-case';
import { GetScenarioRun } from '../runtime/get-scenario-run.use-case';
import { RunScheduler } from '../runtime/run-scheduler';
import { RunsForSweep } from '../runtime/runs-for-sweep';
import { ScenarioGraphs } from '../runtime/scenario-graphs';

const registry = {
  provide: NodeRegistry,
  useFactory: (...nodes: ScenarioNode[]) => new NodeRegistry(nodes),
  inject: SCENARIO_NODE_CLASSES,
};

const runtime = [RunScheduler, ScenarioGraphs, FireScenarioEvent, AdvanceRun, GetScenarioRun, RunsForSweep];

const providers = [...SCENARIO_NODE_CLASSES, registry, ...runtime];

/** Scenario nodes, their registry, scenarios and the runtime that advances runs. */
@Module({ imports: [LoyaltyModule, NotificationsModule], providers, exports: providers })
export class ScenarioNodeModule {}
