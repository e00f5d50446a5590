import { Module } from '@nestjs/common';
import { LoyaltyModule } from '@loyalty/loyalty';
import { NotificationsModule } from '@loyalty/notifications';
import { NodeRegistry } from '../node/node-registry';
import type { ScenarioNode } from '../node/scenario-node';
import { SCENARIO_NODE_CLASSES } from '../nodes/index';

const registry = {
  provide: NodeRegistry,
  useFactory: (...nodes: ScenarioNode[]) => new NodeRegistry(nodes),
  inject: SCENARIO_NODE_CLASSES,
};

const providers = [...SCENARIO_NODE_CLASSES, registry];

/** Scenario nodes, their registry, scenarios and the runtime that advances runs. */
@Module({ imports: [LoyaltyModule, NotificationsModule], providers, exports: providers })
export class ScenarioNodeModule {}
