import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { Account, AccountContext, CLOCK, recordAudit } from '@loyalty/platform';
import { requireProgram } from '../../repositories/program-lookup';
import { ProgramInput, resolveProgramSettings } from '../domain/program-settings';
import { ensureNoOtherActiveProgram, ensureProgramExternalIdFree } from '../repositories/configuration-lookup';
import { programFields, programSettings, programView, ProgramView } from '../views/program-view';
import { isSameDocument } from './same-document';

/**
 * `loyalty/programs/update`: a partial patch (null restores a default; `timezone: null` the
 * account's). `db_id` never changes; turning `is_active` on obeys one active program per database.
 * A patch that changes nothing writes nothing.
 */
@Injectable()
export class UpdateProgram {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(programId: number, input: ProgramInput): Promise<ProgramView> {
    return this.em.transactional(async (em) => {
      const program = await requireProgram(em, programId);
      const account = await em.findOneOrFail(Account, { id: AccountContext.accountId() });
      const current = programSettings(program);
      const settings = resolveProgramSettings(input, current, account.timezone);
      if (isSameDocument(current, settings)) return programView(program);
      if (settings.external_id !== current.external_id) {
        await ensureProgramExternalIdFree(em, settings.external_id, program.id);
      }
      if (settings.is_active && !current.is_active) await ensureNoOtherActiveProgram(em, program.database, program.id);
      const before = programView(program);
      Object.assign(program, programFields(settings), { updatedAt: this.clock.now() });
      await em.flush();
      const after = programView(program);
      recordAudit(em, this.clock, {
        entityType: 'loyalty_program',
        entityId: program.id,
        action: 'update',
        before,
        after,
      });
      return after;
    });
  }
}
