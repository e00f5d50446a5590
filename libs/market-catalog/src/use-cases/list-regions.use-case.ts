import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type CountedPage, findPage, PageRequest } from '@loyalty/platform';
import { Region } from '../entities/region.entity';
import { regionView, RegionView } from '../views/settings-views';

/** `market/regions/list`: ascending by id. */
@Injectable()
export class ListRegions {
  constructor(private readonly em: EntityManager) {}

  async execute(page: PageRequest): Promise<CountedPage<RegionView>> {
    const result = await findPage(this.em, Region, {}, page);
    return {
      items: result.items.map(regionView),
      nextFromId: result.nextFromId,
      totalCount: await this.em.count(Region, {}),
    };
  }
}
