import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { findPage, PageRequest } from '@loyalty/platform';
import { SalesChannel } from '../entities/sales-channel.entity';
import { channelView, ChannelView } from '../views/settings-views';
import type { ListPage } from './list-page';

/** `market/channels/list`: ascending by id. */
@Injectable()
export class ListSalesChannels {
  constructor(private readonly em: EntityManager) {}

  async execute(page: PageRequest): Promise<ListPage<ChannelView>> {
    const result = await findPage(this.em, SalesChannel, {}, page);
    return {
      items: result.items.map(channelView),
      nextFromId: result.nextFromId,
      totalCount: await this.em.count(SalesChannel, {}),
    };
  }
}
