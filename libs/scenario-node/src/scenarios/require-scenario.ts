import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { Scenario } from '../entities/scenario.entity';

/**
 * The caller's scenario, or 404: another account's scenario answers like a missing one. Writers
 * pass `forUpdate` (inside their transaction), so two updates cannot both save the same next version.
 */
export async function requireScenario(em: EntityManager, scenarioId: number, forUpdate = false): Promise<Scenario> {
  const scenario = await em.findOne(
    Scenario,
    { id: scenarioId },
    forUpdate ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
  );
  if (!scenario) throw DomainError.notFound('Scenario');
  return scenario;
}
