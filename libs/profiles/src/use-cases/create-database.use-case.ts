import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { AccountContext, CLOCK, recordAudit } from '@loyalty/platform';
import { ProfileDatabase } from '../entities/profile-database.entity';

/** `databases/create`: a new profile database in the caller's account. */
@Injectable()
export class CreateDatabase {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(name: string): Promise<{ dbId: number }> {
    return this.em.transactional(async (em) => {
      const database = em.create(ProfileDatabase, {
        account: AccountContext.accountId(),
        name,
        createdAt: this.clock.now(),
      });
      await em.flush();
      recordAudit(em, this.clock, { entityType: 'database', entityId: database.id, action: 'create', after: { name } });
      return { dbId: database.id };
    });
  }
}
