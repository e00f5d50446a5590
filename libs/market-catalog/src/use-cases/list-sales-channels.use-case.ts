import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type CountedPage, findPage, PageRequest } from '@loyalty/platform';
import { SalesChannel } from '../entities/sales-channel.entity';
import { channelView, ChannelView } from '../views/settings-views';

/** `market/channels/list`: ascending by id. */
@Injectable()
export class ListSalesChannels {
  constructor(private readonly em: EntityManager) {}

  async execute(page: PageRequest): Promise<CountedPage<ChannelView>> {
    const result = await findPage(this.em, SalesChannel, {}, page);
    return {
      items: result.items.map(channelView),
      nextFromId: result.nextFromId,
      totalCount: await this.em.count(SalesChannel, {}),
    };
  }
}
