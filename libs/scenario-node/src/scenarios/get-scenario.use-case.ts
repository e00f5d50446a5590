import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { requireScenario } from './require-scenario';
import { scenarioView, ScenarioView } from './scenario-view';

/** `scenarios/get`: a scenario of the caller's account (404 otherwise), without its webhook secret. */
@Injectable()
export class GetScenario {
  constructor(private readonly em: EntityManager) {}

  async execute(scenarioId: number): Promise<ScenarioView> {
    return scenarioView(await requireScenario(this.em, scenarioId));
  }
}
