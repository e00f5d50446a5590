import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ScenarioGraph } from '../graph/scenario-graph';

const CACHED_VERSIONS = 1_000;

/** Saved graph versions by id. A version never changes, so it is cached for good (the oldest dropped first). */
@Injectable()
export class ScenarioGraphs {
  private readonly cache = new Map<number, ScenarioGraph>();

  async get(em: EntityManager, versionId: number): Promise<ScenarioGraph> {
    const cached = this.cache.get(versionId);
    if (cached) return cached;
    const [row]: Array<{ nodes: ScenarioGraph['nodes']; edges: ScenarioGraph['edges'] }> = await em.execute(
      'select nodes, edges from scenario_versions where id = ?',
      [versionId],
    );
    if (!row) throw new Error(`Scenario version ${versionId} does not exist`);
    const graph = { nodes: row.nodes, edges: row.edges };
    if (this.cache.size >= CACHED_VERSIONS) this.cache.delete(this.cache.keys().next().value as number);
    this.cache.set(versionId, graph);
    return graph;
  }
}
