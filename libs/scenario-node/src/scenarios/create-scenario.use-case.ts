import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { AccountContext, CLOCK, recordAudit } from '@loyalty/platform';
import { generateHookSecret } from '@loyalty/notifications';
import { Scenario } from '../entities/scenario.entity';
import { NodeRegistry } from '../node/node-registry';
import { assertValidScenario, ScenarioInput } from './scenario-input';
import { saveVersion } from './save-version';
import { ScenarioReferences } from './scenario-references';
import { scenarioView } from './scenario-view';

/**
 * `scenarios/create`: validates the graph against the node catalogue (error 1 naming every
 * problem, nothing written) and the account's data (error 18), then writes the scenario, inactive, with its version 1. The webhook
 * secret that signs its `notify.webhook` messages to a `url` is answered here and never again.
 */
@Injectable()
export class CreateScenario {
  constructor(
    private readonly em: EntityManager,
    private readonly registry: NodeRegistry,
    private readonly references: ScenarioReferences,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: ScenarioInput): Promise<{ scenarioId: number; webhookSecret: string }> {
    assertValidScenario(input, this.registry);
    await this.references.assertExist(this.em, input.nodes);
    const webhookSecret = generateHookSecret();
    return this.em.transactional(async (em) => {
      const now = this.clock.now();
      const scenario = em.create(Scenario, {
        account: AccountContext.accountId(),
        name: input.name,
        triggerEvent: input.trigger.event_name,
        nodes: input.nodes,
        edges: input.edges,
        version: 1,
        isActive: false,
        webhookSecret,
        createdAt: now,
        updatedAt: now,
      });
      await em.flush();
      saveVersion(em, scenario, now);
      recordAudit(em, this.clock, {
        entityType: 'scenario',
        entityId: scenario.id,
        action: 'create',
        after: scenarioView(scenario),
      });
      return { scenarioId: scenario.id, webhookSecret };
    });
  }
}
