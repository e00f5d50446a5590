import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError } from '@loyalty/kernel';
import { CLOCK, recordAudit } from '@loyalty/platform';
import { SalesChannel } from '../entities/sales-channel.entity';
import { Touchpoint } from '../entities/touchpoint.entity';
import { requireChannelReference } from '../repositories/market-lookup';
import { touchpointView, TouchpointView } from '../views/settings-views';

export interface TouchpointPatch {
  external_id: string;
  name?: string | null;
  channel_external_id?: string | null;
}

/** `market/endpoints/update`: rename a touchpoint or move it to another channel. */
@Injectable()
export class UpdateTouchpoint {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(patch: TouchpointPatch): Promise<TouchpointView> {
    return this.em.transactional(async (em) => {
      const touchpoint = await em.findOne(Touchpoint, { externalId: patch.external_id });
      if (!touchpoint) throw DomainError.notFound(`Touchpoint "${patch.external_id}"`);
      const current = await em.findOneOrFail(SalesChannel, { id: touchpoint.channel });
      const channel = patch.channel_external_id
        ? await requireChannelReference(em, patch.channel_external_id, 'channel_external_id')
        : current;
      const before = touchpointView(touchpoint, current.externalId);
      if (patch.name != null) touchpoint.name = patch.name;
      touchpoint.channel = channel.id;
      touchpoint.updatedAt = this.clock.now();
      await em.flush();
      const after = touchpointView(touchpoint, channel.externalId);
      recordAudit(em, this.clock, {
        entityType: 'market_endpoint',
        entityId: touchpoint.id,
        action: 'update',
        before,
        after,
      });
      return after;
    });
  }
}
