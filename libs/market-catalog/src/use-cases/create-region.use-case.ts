import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, type Clock } from '@loyalty/kernel';
import { AccountContext, CLOCK, recordAudit } from '@loyalty/platform';
import { Region } from '../entities/region.entity';
import { regionView } from '../views/settings-views';
import type { RegionInput } from './market-settings-inputs';

/** `market/regions/create`. */
@Injectable()
export class CreateRegion {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(input: RegionInput): Promise<{ id: number }> {
    return this.em.transactional(async (em) => {
      if (await em.findOne(Region, { externalId: input.external_id })) {
        throw DomainError.conflict('external_id', `a region "${input.external_id}" exists`);
      }
      const now = this.clock.now();
      const region = em.create(Region, {
        account: AccountContext.accountId(),
        externalId: input.external_id,
        name: input.name,
        createdAt: now,
        updatedAt: now,
      });
      await em.flush();
      recordAudit(em, this.clock, {
        entityType: 'market_region',
        entityId: region.id,
        action: 'create',
        after: regionView(region),
      });
      return { id: region.id };
    });
  }
}
