import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { CLOCK } from '@loyalty/platform';
import { setScenarioActive } from './scenario-activity';

/** `scenarios/deactivate`: no new runs start (runs in progress go on); a no-op when already inactive. */
@Injectable()
export class DeactivateScenario {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(scenarioId: number): Promise<{ scenarioId: number; isActive: boolean }> {
    return setScenarioActive(this.em, this.clock, scenarioId, false);
  }
}
