import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import { DomainError } from '@loyalty/kernel';
import { AccountContext } from '@loyalty/platform';
import type { ProfileMatch } from '../domain/matching';
import { ProfileDatabase } from '../entities/profile-database.entity';
import { Profile } from '../entities/profile.entity';

export function newProfileId(): string {
  return randomBytes(12).toString('hex');
}

/** The database `dbId` of the caller's account, or 404 (a foreign database looks the same as none). */
export async function requireDatabase(em: EntityManager, dbId: number): Promise<ProfileDatabase> {
  const database = await em.findOne(ProfileDatabase, { id: dbId });
  if (!database) throw DomainError.notFound(`Database ${dbId}`);
  return database;
}

export function matchCondition(dbId: number, match: ProfileMatch): FilterQuery<Profile> {
  switch (match.kind) {
    case 'email':
      return { database: dbId, email: match.email };
    case 'phone':
      return { database: dbId, phone: match.phone };
    case 'profile_id':
      return { database: dbId, id: match.profileId };
    case 'custom':
      return { database: dbId, customFields: { [match.fieldName]: match.fieldValue } } as FilterQuery<Profile>;
  }
}

export function findProfile(em: EntityManager, dbId: number, match: ProfileMatch): Promise<Profile | null> {
  return em.findOne(Profile, matchCondition(dbId, match));
}

/**
 * The profile that `match` names, created with that identifier when there is none (the loyalty
 * methods do this for unknown people). A `profile_id` that names nobody cannot be created.
 */
export async function findOrCreateProfile(
  em: EntityManager,
  dbId: number,
  match: ProfileMatch,
  now: Date,
): Promise<{ profile: Profile; created: boolean }> {
  const existing = await findProfile(em, dbId, match);
  if (existing) return { profile: existing, created: false };
  if (match.kind === 'profile_id') throw new DomainError('PROFILE_NOT_FOUND', `No profile ${match.profileId}`);
  const profile = em.create(Profile, {
    id: newProfileId(),
    account: AccountContext.accountId(),
    database: dbId,
    email: match.kind === 'email' ? match.email : null,
    phone: match.kind === 'phone' ? match.phone : null,
    customFields: match.kind === 'custom' ? { [match.fieldName]: match.fieldValue } : {},
    createdAt: now,
    updatedAt: now,
  });
  return { profile, created: true };
}
