import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { recordAudit } from '@loyalty/platform';
import { requireScenario } from './require-scenario';
import { scenarioView } from './scenario-view';

/**
 * Turns a scenario on or off: an active scenario starts runs for its trigger event; turning it
 * off starts no new runs and leaves the ones in progress alone. Asking for the state it already
 * has is a successful no-op (no audit entry).
 */
export function setScenarioActive(
  em: EntityManager,
  clock: Clock,
  scenarioId: number,
  active: boolean,
): Promise<{ scenarioId: number; isActive: boolean }> {
  return em.transactional(async (tx) => {
    const scenario = await requireScenario(tx, scenarioId, true);
    if (scenario.isActive !== active) {
      const before = scenarioView(scenario);
      scenario.isActive = active;
      scenario.updatedAt = clock.now();
      await tx.flush();
      recordAudit(tx, clock, {
        entityType: 'scenario',
        entityId: scenario.id,
        action: active ? 'activate' : 'deactivate',
        before,
        after: scenarioView(scenario),
      });
    }
    return { scenarioId: scenario.id, isActive: scenario.isActive };
  });
}
