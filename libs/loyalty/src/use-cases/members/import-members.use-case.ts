import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError } from '@loyalty/kernel';
import { CLOCK } from '@loyalty/platform';
import { MatchingInput, MatchingKind, parseMatching } from '@loyalty/profiles';
import { programInstant } from '../../domain/operation-dates';
import { registerMember } from '../../ledger/membership';
import { requireActiveProgram } from '../../repositories/member-lookup';
import { requireProgram } from '../../repositories/program-lookup';

export const MAX_MEMBERS_PER_IMPORT = 1_000;

export interface ImportMembersInput {
  programId: number;
  matching: MatchingKind;
  items: (Omit<MatchingInput, 'matching'> & { registration_date?: string | null })[];
}

/** `loyalty/members/import`: registers up to 1,000 people in one transaction (all or nothing). */
@Injectable()
export class ImportMembers {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(input: ImportMembersInput): Promise<{ created: number; existing: number; profileIds: string[] }> {
    const matches = input.items.map((item, index) =>
      atItem(index, () => parseMatching({ ...item, matching: input.matching })),
    );
    return this.em.transactional(async (em) => {
      const program = await requireProgram(em, input.programId);
      requireActiveProgram(program);
      const now = this.clock.now();
      let created = 0;
      const profileIds: string[] = [];
      for (const [index, match] of matches.entries()) {
        const date = input.items[index].registration_date;
        const registeredAt = date
          ? atItem(index, () => programInstant(date, program, 'start', 'registration_date'))
          : now;
        const registration = await registerMember(em, program, match, {
          registeredAt,
          now,
          grantInitialBalance: true,
        });
        if (registration.isNew) created += 1;
        profileIds.push(registration.profileId);
      }
      return { created, existing: matches.length - created, profileIds };
    });
  }
}

function atItem<T>(index: number, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw error instanceof DomainError ? error.atPath(`data[${index}]`) : error;
  }
}
