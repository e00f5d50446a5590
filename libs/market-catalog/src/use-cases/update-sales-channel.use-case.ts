import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError } from '@loyalty/kernel';
import { CLOCK, recordAudit } from '@loyalty/platform';
import { SalesChannel } from '../entities/sales-channel.entity';
import { requireDatabaseReference } from '../repositories/market-lookup';
import { channelView, ChannelView } from '../views/settings-views';
import type { ChannelInput } from './market-settings-inputs';

export interface ChannelPatch {
  external_id: string;
  name?: ChannelInput['name'] | null;
  type?: ChannelInput['type'] | null;
  db_id?: number | null;
  tags?: string[] | null;
}

/** `market/channels/update`: a partial patch of the channel named by `external_id`. */
@Injectable()
export class UpdateSalesChannel {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(patch: ChannelPatch): Promise<ChannelView> {
    return this.em.transactional(async (em) => {
      const channel = await em.findOne(SalesChannel, { externalId: patch.external_id });
      if (!channel) throw DomainError.notFound(`Sales channel "${patch.external_id}"`);
      if (patch.db_id != null) await requireDatabaseReference(em, patch.db_id);
      const before = channelView(channel);
      if (patch.name != null) channel.name = patch.name;
      if (patch.type != null) channel.type = patch.type;
      if (patch.db_id != null) channel.database = patch.db_id;
      if (patch.tags !== undefined) channel.tags = patch.tags ?? [];
      channel.updatedAt = this.clock.now();
      await em.flush();
      const after = channelView(channel);
      recordAudit(em, this.clock, {
        entityType: 'market_channel',
        entityId: channel.id,
        action: 'update',
        before,
        after,
      });
      return after;
    });
  }
}
