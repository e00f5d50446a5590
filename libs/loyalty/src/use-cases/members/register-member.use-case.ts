import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock } from '@loyalty/kernel';
import { CLOCK } from '@loyalty/platform';
import { MatchingInput, parseMatching } from '@loyalty/profiles';
import { programInstant } from '../../domain/operation-dates';
import { registerMember } from '../../ledger/membership';
import { requireActiveProgram } from '../../repositories/member-lookup';
import { requireProgram } from '../../repositories/program-lookup';

export interface RegisterMemberInput {
  programId: number;
  person: MatchingInput;
  registrationDate?: string | null;
}

/**
 * `loyalty/register_member`: the person becomes a member (their profile is created when matching
 * by email, phone or custom field), with each currency's initial balance granted once.
 */
@Injectable()
export class RegisterMember {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(input: RegisterMemberInput): Promise<{ profileId: string; isNew: boolean }> {
    const match = parseMatching(input.person);
    return this.em.transactional(async (em) => {
      const program = await requireProgram(em, input.programId);
      requireActiveProgram(program);
      const now = this.clock.now();
      const registeredAt = input.registrationDate
        ? programInstant(input.registrationDate, program, 'start', 'registration_date')
        : now;
      const registration = await registerMember(em, program, match, {
        registeredAt,
        now,
        grantInitialBalance: true,
      });
      return { profileId: registration.profileId, isNew: registration.isNew };
    });
  }
}
