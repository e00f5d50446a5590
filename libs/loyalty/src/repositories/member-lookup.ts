import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { MatchingInput, parseMatching, ProfileMatch } from '@loyalty/profiles';
import type { LoyaltyProgram } from '../entities/loyalty-program.entity';
import type { Member } from '../entities/member.entity';

/** What points operations need to know of a membership. */
export type MemberRef = Pick<Member, 'id' | 'account' | 'program' | 'profile' | 'registeredAt'>;

/**
 * The person a points method names, in one query: error 7 without a profile, error 8 without an
 * active membership.
 */
export async function requireMember(
  em: EntityManager,
  program: LoyaltyProgram,
  person: MatchingInput,
): Promise<{ profileId: string; member: MemberRef }> {
  const { condition, value } = profileCondition(parseMatching(person));
  const [row]: Record<string, unknown>[] = await em.execute(
    `select p.id as profile_id, m.id as member_id, m.registered_at
       from profiles p
       left join members m on m.profile_id = p.id and m.program_id = ? and m.status = 'active'
      where p.account_id = ? and p.database_id = ? and ${condition}`,
    [program.id, program.account, program.database, ...value],
  );
  if (!row) throw new DomainError('PROFILE_NOT_FOUND', 'No profile matches');
  if (row['member_id'] == null) throw new DomainError('NOT_A_MEMBER', 'The profile is not a member of the program');
  const profileId = row['profile_id'] as string;
  return {
    profileId,
    member: {
      id: Number(row['member_id']),
      account: program.account,
      program: program.id,
      profile: profileId,
      registeredAt: new Date(row['registered_at'] as string),
    },
  };
}

/**
 * The program's configuration version and the member a points method names, in one query (the
 * first thing every points operation needs): 404 without the program, 7 without a profile, 8
 * without an active membership.
 */
export async function requireProgramMember(
  em: EntityManager,
  programId: number,
  accountId: number,
  person: MatchingInput,
): Promise<{ configVersion: string; member: MemberRef }> {
  const { condition, value } = profileCondition(parseMatching(person));
  const [row]: Record<string, unknown>[] = await em.execute(
    `select lp.config_version, p.id as profile_id, m.id as member_id, m.registered_at
       from loyalty_programs lp
       left join profiles p on p.account_id = lp.account_id and p.database_id = lp.database_id and ${condition}
       left join members m on m.profile_id = p.id and m.program_id = lp.id and m.status = 'active'
      where lp.id = ? and lp.account_id = ?`,
    [...value, programId, accountId],
  );
  if (!row) throw DomainError.notFound(`Loyalty program ${programId}`);
  if (row['profile_id'] == null) throw new DomainError('PROFILE_NOT_FOUND', 'No profile matches');
  if (row['member_id'] == null) throw new DomainError('NOT_A_MEMBER', 'The profile is not a member of the program');
  return {
    configVersion: String(row['config_version']),
    member: {
      id: Number(row['member_id']),
      account: accountId,
      program: programId,
      profile: row['profile_id'] as string,
      registeredAt: new Date(row['registered_at'] as string),
    },
  };
}

/** The SQL condition on `profiles p` that a match names, with its parameters. */
export function profileCondition(match: ProfileMatch): { condition: string; value: unknown[] } {
  switch (match.kind) {
    case 'email':
      return { condition: 'p.email = ?', value: [match.email] };
    case 'phone':
      return { condition: 'p.phone = ?', value: [match.phone] };
    case 'profile_id':
      return { condition: 'p.id = ?', value: [match.profileId] };
    case 'custom':
      return { condition: 'p.custom_fields ->> ? = ?', value: [match.fieldName, String(match.fieldValue)] };
  }
}

/** Points operations need a running program. */
export function requireActiveProgram(program: LoyaltyProgram): void {
  if (!program.isActive) {
    throw new DomainError('PROMOTION_NOT_APPLICABLE', 'The loyalty program is not active', {
      loyalty_program_id: program.id,
    });
  }
}
