import type { EntityManager } from '@mikro-orm/postgresql';
import type { Scenario } from '../entities/scenario.entity';
import { ScenarioVersion } from '../entities/scenario-version.entity';

/** Keeps the scenario's current graph as its version `scenario.version` (flushed with the scenario). */
export function saveVersion(em: EntityManager, scenario: Scenario, now: Date): ScenarioVersion {
  return em.create(ScenarioVersion, {
    scenario: scenario.id,
    version: scenario.version,
    account: scenario.account,
    nodes: scenario.nodes,
    edges: scenario.edges,
    createdAt: now,
  });
}
