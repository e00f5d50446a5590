import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { recordAudit } from '@loyalty/platform';
import { requireProgram } from '../../repositories/program-lookup';
import { ensureNoOtherActiveProgram } from '../repositories/configuration-lookup';
import { programView } from '../views/program-view';

/**
 * Turns a program on or off. Asking for the state it already has is a successful no-op (no
 * audit entry); turning it on obeys one active program per database (error 5).
 */
export function setProgramActive(
  em: EntityManager,
  clock: Clock,
  programId: number,
  active: boolean,
): Promise<{ programId: number; isActive: boolean }> {
  return em.transactional(async (tx) => {
    const program = await requireProgram(tx, programId);
    if (program.isActive !== active) {
      if (active) await ensureNoOtherActiveProgram(tx, program.database, program.id);
      const before = programView(program);
      program.isActive = active;
      program.updatedAt = clock.now();
      await tx.flush();
      recordAudit(tx, clock, {
        entityType: 'loyalty_program',
        entityId: program.id,
        action: active ? 'activate' : 'deactivate',
        before,
        after: programView(program),
      });
    }
    return { programId: program.id, isActive: program.isActive };
  });
}
