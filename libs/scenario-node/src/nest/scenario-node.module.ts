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
import { ActivateScenario } from '../scenarios/activate-scenario.use-case';
import { CreateScenario } from '../scenarios/create-scenario.use-case';
import { DeactivateScenario } from '../scenarios/deactivate-scenario.use-case';
import { GetScenario } from '../scenarios/get-scenario.use-case';
import { ListNodeCatalogue } from '../scenarios/list-node-catalogue.use-case';
import { ListScenarios } from '../scenarios/list-scenarios.use-case';
import { UpdateScenario } from '../scenarios/update-scenario.use-case';
import { ScenarioReferences } from '../scenarios/scenario-references';

const registry = {
  provide: NodeRegistry,
  useFactory: (...nodes: ScenarioNode[]) => new NodeRegistry(nodes),
  inject: SCENARIO_NODE_CLASSES,
};

const runtime = [RunScheduler, ScenarioGraphs, FireScenarioEvent, AdvanceRun, GetScenarioRun, RunsForSweep];
const configuration = [
  ScenarioReferences,
  CreateScenario,
  UpdateScenario,
  GetScenario,
  ListScenarios,
  ActivateScenario,
  DeactivateScenario,
  ListNodeCatalogue,
];

const providers = [...SCENARIO_NODE_CLASSES, registry, ...configuration, ...runtime];

/** Scenario nodes, their registry, scenarios and the runtime that advances runs. */
@Module({ imports: [LoyaltyModule, NotificationsModule], providers, exports: providers })
export class ScenarioNodeModule {}
