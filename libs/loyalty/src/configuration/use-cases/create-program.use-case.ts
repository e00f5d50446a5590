import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { Account, AccountContext, CLOCK, recordAudit } from '@loyalty/platform';
import { LoyaltyProgram } from '../../entities/loyalty-program.entity';
import { ProgramInput, resolveProgramSettings } from '../domain/program-settings';
import {
  ensureNoOtherActiveProgram,
  ensureProgramExternalIdFree,
  requireDatabaseReference,
} from '../repositories/configuration-lookup';
import { programFields, programView } from '../views/program-view';

/** `loyalty/programs/create`: a program bound to a profile database, active unless the body says otherwise. */
@Injectable()
export class CreateProgram {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(input: ProgramInput): Promise<{ programId: number }> {
    const accountId = AccountContext.accountId();
    return this.em.transactional(async (em) => {
      const account = await em.findOneOrFail(Account, { id: accountId });
      const settings = resolveProgramSettings(input, null, account.timezone);
      await requireDatabaseReference(em, settings.db_id);
      await ensureProgramExternalIdFree(em, settings.external_id);
      if (settings.is_active) await ensureNoOtherActiveProgram(em, settings.db_id);
      const now = this.clock.now();
      const program = em.create(LoyaltyProgram, {
        account: accountId,
        ...programFields(settings),
        createdAt: now,
        updatedAt: now,
      });
      await em.flush();
      recordAudit(em, this.clock, {
        entityType: 'loyalty_program',
        entityId: program.id,
        action: 'create',
        after: programView(program),
      });
      return { programId: program.id };
    });
  }
}
