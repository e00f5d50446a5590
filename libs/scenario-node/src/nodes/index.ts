import type { Type } from '@nestjs/common';
import type { ScenarioNode } from '../node/scenario-node';

/** Every node class of the engine; the registry is built from them at start-up. */
export const SCENARIO_NODE_CLASSES: Type<ScenarioNode>[] = [];
