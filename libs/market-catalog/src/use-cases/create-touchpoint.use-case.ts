import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, type Clock } from '@loyalty/kernel';
import { AccountContext, CLOCK, recordAudit } from '@loyalty/platform';
import { Touchpoint } from '../entities/touchpoint.entity';
import { requireChannelReference } from '../repositories/market-lookup';
import { touchpointView } from '../views/settings-views';
import type { TouchpointInput } from './market-settings-inputs';

/** `market/endpoints/create`: a touchpoint of a sales channel. */
@Injectable()
export class CreateTouchpoint {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(input: TouchpointInput): Promise<{ id: number }> {
    return this.em.transactional(async (em) => {
      const channel = await requireChannelReference(em, input.channel_external_id, 'channel_external_id');
      if (await em.findOne(Touchpoint, { externalId: input.external_id })) {
        throw DomainError.conflict('external_id', `a touchpoint "${input.external_id}" exists`);
      }
      const now = this.clock.now();
      const touchpoint = em.create(Touchpoint, {
        account: AccountContext.accountId(),
        channel: channel.id,
        externalId: input.external_id,
        name: input.name,
        createdAt: now,
        updatedAt: now,
      });
      await em.flush();
      recordAudit(em, this.clock, {
        entityType: 'market_endpoint',
        entityId: touchpoint.id,
        action: 'create',
        after: touchpointView(touchpoint, channel.externalId),
      });
      return { id: touchpoint.id };
    });
  }
}
