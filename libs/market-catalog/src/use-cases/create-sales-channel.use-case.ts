import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, type Clock } from '@loyalty/kernel';
import { AccountContext, CLOCK, recordAudit } from '@loyalty/platform';
import { SalesChannel } from '../entities/sales-channel.entity';
import { requireDatabaseReference } from '../repositories/market-lookup';
import { channelView } from '../views/settings-views';
import type { ChannelInput } from './market-settings-inputs';

/** `market/channels/create`: a sales channel bound to a profile database. */
@Injectable()
export class CreateSalesChannel {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(input: ChannelInput): Promise<{ id: number }> {
    return this.em.transactional(async (em) => {
      await requireDatabaseReference(em, input.db_id);
      if (await em.findOne(SalesChannel, { externalId: input.external_id })) {
        throw DomainError.conflict('external_id', `a sales channel "${input.external_id}" exists`);
      }
      const now = this.clock.now();
      const channel = em.create(SalesChannel, {
        account: AccountContext.accountId(),
        externalId: input.external_id,
        name: input.name,
        type: input.type,
        database: input.db_id,
        tags: input.tags ?? [],
        createdAt: now,
        updatedAt: now,
      });
      await em.flush();
      recordAudit(em, this.clock, {
        entityType: 'market_channel',
        entityId: channel.id,
        action: 'create',
        after: channelView(channel),
      });
      return { id: channel.id };
    });
  }
}
