import { formatRfc3339 } from '@loyalty/kernel';
import type { Scenario } from '../entities/scenario.entity';
import type { ScenarioInput } from './scenario-input';

/** `scenarios/get`: what create takes, with the id, the version, the active flag and timestamps (never the secret). */
export interface ScenarioView extends ScenarioInput {
  id: number;
  version: number;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export function scenarioInput(scenario: Scenario): ScenarioInput {
  return {
    name: scenario.name,
    trigger: { event_name: scenario.triggerEvent },
    nodes: scenario.nodes,
    edges: scenario.edges,
  };
}

export function scenarioView(scenario: Scenario): ScenarioView {
  return {
    id: scenario.id,
    ...scenarioInput(scenario),
    version: scenario.version,
    is_active: scenario.isActive,
    created_at: formatRfc3339(scenario.createdAt),
    updated_at: formatRfc3339(scenario.updatedAt),
  };
}
