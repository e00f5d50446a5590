import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { findProfile, MatchingInput, parseMatching, ProfileMatch, requireDatabase } from '@loyalty/profiles';
import type { CodeHolder } from '../domain/code-state';

/** A person named by `db_id` and `matching`, read (schema errors first) but not looked up yet. */
export interface NamedPerson {
  dbId: number;
  match: ProfileMatch;
}

/** The optional person of `promocodes/activate`: `db_id` and `matching` together, or neither (error 1). */
export function optionalPerson(
  dbId: number | null | undefined,
  person: MatchingInput | null | undefined,
): NamedPerson | null {
  const fields = person ?? {};
  if (dbId == null && fields.matching == null) return null;
  if (dbId == null) throw DomainError.invalid('db_id', 'is required with matching');
  if (fields.matching == null) throw DomainError.invalid('matching', 'is required with db_id');
  return { dbId, match: parseMatching(fields) };
}

/**
 * The profile a promo-code method names: 404 for an unknown or another account's database, 7 when
 * nobody matches. Promo codes never create profiles (spec api.md §3).
 */
export async function requireCodeHolder(em: EntityManager, person: NamedPerson): Promise<CodeHolder> {
  await requireDatabase(em, person.dbId);
  const profile = await findProfile(em, person.dbId, person.match);
  if (!profile) throw new DomainError('PROFILE_NOT_FOUND', 'No profile matches');
  return { databaseId: person.dbId, profileId: profile.id };
}
