import { personSubjectKey } from '@loyalty/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock } from '@loyalty/kernel';
import { CLOCK, writeOutboxEvents } from '@loyalty/platform';
import type { MatchingInput } from '@loyalty/profiles';
import { Member } from '../../entities/member.entity';
import { PointsCurrency } from '../../entities/points-currency.entity';
import { MemberLedger } from '../../ledger/member-ledger';
import { requireMember } from '../../repositories/member-lookup';
import { requireProgram } from '../../repositories/program-lookup';

/**
 * `loyalty/delete_member`: writes the remaining points off with an adjustment, freezes the
 * accounts and ends the membership; the ledger stays for audit. Registering again later is a new
 * membership.
 */
@Injectable()
export class DeleteMember {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(input: { programId: number; person: MatchingInput }): Promise<{ profileId: string }> {
    return this.em.transactional(async (em) => {
      const program = await requireProgram(em, input.programId);
      const { member } = await requireMember(em, program, input.person);
      const now = this.clock.now();
      const currencies = await em.find(PointsCurrency, { program: program.id }, { orderBy: { id: 'asc' } });
      const ledger = await MemberLedger.open(em, program, member, currencies, now);
      for (const currency of currencies) {
        await ledger.writeOff(currency);
        ledger.freeze(currency);
      }
      await ledger.finish();
      await em.nativeUpdate(Member, { id: member.id }, { status: 'deleted', deletedAt: now });
      writeOutboxEvents(em, [
        {
          accountId: member.account,
          eventType: 'member.deleted',
          subjectKey: personSubjectKey(member.profile),
          occurredAt: now,
          payload: { loyalty_program_id: program.id, profile_id: member.profile, deleted_at: now.toISOString() },
        },
      ]);
      return { profileId: member.profile };
    });
  }
}
