import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { canonicalJson, CLOCK, recordAudit } from '@loyalty/platform';
import { NodeRegistry } from '../node/node-registry';
import { requireScenario } from './require-scenario';
import { assertValidScenario, ScenarioPatch } from './scenario-input';
import { saveVersion } from './save-version';
import { ScenarioReferences } from './scenario-references';
import { scenarioInput, scenarioView, ScenarioView } from './scenario-view';

/**
 * `scenarios/update`: a partial patch. The scenario as it would be is validated whole (error 1,
 * nothing written); a changed graph is saved as the next version, which new runs follow while
 * runs in progress keep theirs. A patch that changes nothing writes nothing.
 */
@Injectable()
export class UpdateScenario {
  constructor(
    private readonly em: EntityManager,
    private readonly registry: NodeRegistry,
    private readonly references: ScenarioReferences,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(scenarioId: number, patch: ScenarioPatch): Promise<ScenarioView> {
    return this.em.transactional(async (em) => {
      const scenario = await requireScenario(em, scenarioId, true);
      const current = scenarioInput(scenario);
      const next = {
        name: patch.name ?? current.name,
        trigger: patch.trigger ?? current.trigger,
        nodes: patch.nodes ?? current.nodes,
        edges: patch.edges ?? current.edges,
      };
      assertValidScenario(next, this.registry);
      await this.references.assertExist(em, next.nodes);
      const before = scenarioView(scenario);
      if (canonicalJson(next) === canonicalJson(current)) return before;
      const graphChanged = canonicalJson([next.nodes, next.edges]) !== canonicalJson([current.nodes, current.edges]);
      const now = this.clock.now();
      Object.assign(scenario, {
        name: next.name,
        triggerEvent: next.trigger.event_name,
        nodes: next.nodes,
        edges: next.edges,
        version: graphChanged ? scenario.version + 1 : scenario.version,
        updatedAt: now,
      });
      if (graphChanged) saveVersion(em, scenario, now);
      await em.flush();
      const after = scenarioView(scenario);
      recordAudit(em, this.clock, { entityType: 'scenario', entityId: scenario.id, action: 'update', before, after });
      return after;
    });
  }
}
