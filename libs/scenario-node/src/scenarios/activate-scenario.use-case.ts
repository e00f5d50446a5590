import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { CLOCK } from '@loyalty/platform';
import { setScenarioActive } from './scenario-activity';

/** `scenarios/activate`: new events of its trigger start runs; a no-op when already active. */
@Injectable()
export class ActivateScenario {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(scenarioId: number): Promise<{ scenarioId: number; isActive: boolean }> {
    return setScenarioActive(this.em, this.clock, scenarioId, true);
  }
}
