import type { Type } from '@nestjs/common';
import type { ScenarioNode } from '../node/scenario-node';
import { BalanceConditionNode } from './balance-condition.node';
import { FlowConditionNode } from './condition.node';
import { ExpiringPointsConditionNode } from './expiring-points-condition.node';
import { ParticipationNode } from './participation.node';
import { PointsManagementNode } from './points-management.node';
import { TierConditionNode } from './tier-condition.node';
import { WaitNode } from './wait.node';
import { WebhookNode } from './webhook.node';

export {
  BalanceConditionNode,
  ExpiringPointsConditionNode,
  FlowConditionNode,
  ParticipationNode,
  PointsManagementNode,
  TierConditionNode,
  WaitNode,
  WebhookNode,
};

/** Every node class of the engine; the registry is built from them at start-up. */
export const SCENARIO_NODE_CLASSES: Type<ScenarioNode>[] = [
  ParticipationNode,
  PointsManagementNode,
  BalanceConditionNode,
  TierConditionNode,
  ExpiringPointsConditionNode,
  WaitNode,
  FlowConditionNode,
  WebhookNode,
];
