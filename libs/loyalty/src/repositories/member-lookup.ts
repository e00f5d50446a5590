import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { findProfile, MatchingInput, parseMatching, Profile } from '@loyalty/profiles';
import type { LoyaltyProgram } from '../entities/loyalty-program.entity';
import { Member } from '../entities/member.entity';

/** The person a points method names: error 7 without a profile, error 8 without an active membership. */
export async function requireMember(
  em: EntityManager,
  program: LoyaltyProgram,
  person: MatchingInput,
): Promise<{ profile: Profile; member: Member }> {
  const profile = await findProfile(em, program.database, parseMatching(person));
  if (!profile) throw new DomainError('PROFILE_NOT_FOUND', 'No profile matches');
  const member = await em.findOne(Member, { program: program.id, profile: profile.id, status: 'active' });
  if (!member) throw new DomainError('NOT_A_MEMBER', 'The profile is not a member of the program');
  return { profile, member };
}

/** Points operations need a running program. */
export function requireActiveProgram(program: LoyaltyProgram): void {
  if (!program.isActive) {
    throw new DomainError('PROMOTION_NOT_APPLICABLE', 'The loyalty program is not active', {
      loyalty_program_id: program.id,
    });
  }
}
