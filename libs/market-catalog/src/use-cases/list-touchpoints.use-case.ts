import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type CountedPage, findPage, PageRequest } from '@loyalty/platform';
import { SalesChannel } from '../entities/sales-channel.entity';
import { Touchpoint } from '../entities/touchpoint.entity';
import { touchpointView, TouchpointView } from '../views/settings-views';

/** `market/endpoints/list`: ascending by id, each with its channel's external id. */
@Injectable()
export class ListTouchpoints {
  constructor(private readonly em: EntityManager) {}

  async execute(page: PageRequest): Promise<CountedPage<TouchpointView>> {
    const result = await findPage(this.em, Touchpoint, {}, page);
    const channels = await this.em.find(SalesChannel, { id: { $in: result.items.map((item) => item.channel) } });
    const channelExternalId = new Map(channels.map((channel) => [channel.id, channel.externalId]));
    return {
      items: result.items.map((item) => touchpointView(item, channelExternalId.get(item.channel) ?? '')),
      nextFromId: result.nextFromId,
      totalCount: await this.em.count(Touchpoint, {}),
    };
  }
}
