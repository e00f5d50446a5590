import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type CountedPage, findPage, PageRequest } from '@loyalty/platform';
import { Scenario } from '../entities/scenario.entity';
import { scenarioView, ScenarioView } from './scenario-view';

/** `scenarios/list`: the account's scenarios, ascending by id, as `scenarios/get` answers them. */
@Injectable()
export class ListScenarios {
  constructor(private readonly em: EntityManager) {}

  async execute(page: PageRequest): Promise<CountedPage<ScenarioView>> {
    const found = await findPage(this.em, Scenario, {}, page);
    return {
      items: found.items.map(scenarioView),
      nextFromId: found.nextFromId,
      totalCount: await this.em.count(Scenario, {}),
    };
  }
}
