import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError } from '@loyalty/kernel';
import { AccountContext, CLOCK } from '@loyalty/platform';
import { MatchingKind, normalizeEmail, normalizePhone, parseMatching, ProfileMatch } from '../domain/matching';
import { CustomFieldValue, Profile } from '../entities/profile.entity';
import { findProfile, newProfileId, requireDatabase } from '../repositories/profile-lookup';

export interface ProfileImportItem {
  email?: string | null;
  phone?: string | null;
  profile_id?: string | null;
  custom_fields?: Record<string, CustomFieldValue> | null;
}

export interface ImportProfilesInput {
  dbId: number;
  matching: MatchingKind;
  /** With `matching: custom`: which custom field identifies the person. */
  fieldName?: string | null;
  items: ProfileImportItem[];
}

export const MAX_PROFILES_PER_IMPORT = 1_000;

interface ParsedItem {
  path: string;
  match: ProfileMatch;
  email: string | null;
  phone: string | null;
  customFields: Record<string, CustomFieldValue> | null;
}

/**
 * `profiles/import`: upsert by the matching field, all or nothing, in a bounded number of queries
 * (the people named, the current owners of the emails and phones, one flush).
 */
@Injectable()
export class ImportProfiles {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: ImportProfilesInput): Promise<{ created: number; updated: number; profileIds: string[] }> {
    const items = input.items.map((item, index) => atItem(`data[${index}]`, () => parseItem(input, item)));
    return this.em.transactional(async (em) => {
      await requireDatabase(em, input.dbId);
      const now = this.clock.now();
      const byMatch = await loadMatched(em, input.dbId, items);
      const owners = await loadOwners(em, input.dbId, items);
      let created = 0;
      const profileIds = items.map((item) => {
        let profile = byMatch.get(matchKey(item.match));
        if (!profile) {
          if (item.match.kind === 'profile_id') {
            throw new DomainError('PROFILE_NOT_FOUND', `${item.path}: no profile ${item.match.profileId}`);
          }
          profile = em.create(Profile, {
            id: newProfileId(),
            account: AccountContext.accountId(),
            database: input.dbId,
            createdAt: now,
            updatedAt: now,
          });
          byMatch.set(matchKey(item.match), profile);
          created += 1;
        }
        apply(item, profile, owners, now);
        return profile.id;
      });
      await em.flush();
      return { created, updated: items.length - created, profileIds };
    });
  }
}

function parseItem(input: ImportProfilesInput, item: ProfileImportItem): Omit<ParsedItem, 'path'> {
  const customValue =
    input.matching === 'custom' && input.fieldName ? item.custom_fields?.[input.fieldName] : undefined;
  const match = parseMatching({
    ...item,
    matching: input.matching,
    field_name: input.fieldName,
    field_value: customValue,
  });
  return {
    match,
    email: item.email ? normalizeEmail(item.email) : null,
    phone: item.phone ? normalizePhone(item.phone) : null,
    customFields: item.custom_fields ?? null,
  };
}

function matchKey(match: ProfileMatch): string {
  switch (match.kind) {
    case 'email':
      return `email:${match.email}`;
    case 'phone':
      return `phone:${match.phone}`;
    case 'profile_id':
      return `id:${match.profileId}`;
    case 'custom':
      return `custom:${match.fieldName}=${JSON.stringify(match.fieldValue)}`;
  }
}

/** The existing profiles the items name, by match key. */
async function loadMatched(em: EntityManager, dbId: number, items: ParsedItem[]): Promise<Map<string, Profile>> {
  const found = new Map<string, Profile>();
  const emails = items.flatMap((item) => (item.match.kind === 'email' ? [item.match.email] : []));
  const phones = items.flatMap((item) => (item.match.kind === 'phone' ? [item.match.phone] : []));
  const ids = items.flatMap((item) => (item.match.kind === 'profile_id' ? [item.match.profileId] : []));
  const rows = await em.find(Profile, {
    database: dbId,
    $or: [{ email: { $in: emails } }, { phone: { $in: phones } }, { id: { $in: ids } }],
  });
  for (const profile of rows) {
    if (profile.email) found.set(`email:${profile.email}`, profile);
    if (profile.phone) found.set(`phone:${profile.phone}`, profile);
    found.set(`id:${profile.id}`, profile);
  }
  // Custom-field matching is rare; it looks each distinct value up on the GIN-indexed column.
  for (const item of items) {
    if (item.match.kind !== 'custom' || found.has(matchKey(item.match))) continue;
    const profile = await findProfile(em, dbId, item.match);
    if (profile) found.set(matchKey(item.match), profile);
  }
  return found;
}

/** Who owns each email and phone the items set, so that a clash is reported on its item. */
async function loadOwners(em: EntityManager, dbId: number, items: ParsedItem[]): Promise<Map<string, string>> {
  const emails = items.flatMap((item) => (item.email ? [item.email] : []));
  const phones = items.flatMap((item) => (item.phone ? [item.phone] : []));
  const owners = new Map<string, string>();
  if (emails.length + phones.length === 0) return owners;
  const rows = await em.find(Profile, {
    database: dbId,
    $or: [{ email: { $in: emails } }, { phone: { $in: phones } }],
  });
  for (const profile of rows) {
    if (profile.email) owners.set(`email:${profile.email}`, profile.id);
    if (profile.phone) owners.set(`phone:${profile.phone}`, profile.id);
  }
  return owners;
}

function apply(item: ParsedItem, profile: Profile, owners: Map<string, string>, now: Date): void {
  if (item.email) profile.email = claim(owners, 'email', item.email, profile, item.path);
  if (item.phone) profile.phone = claim(owners, 'phone', item.phone, profile, item.path);
  if (item.customFields) profile.customFields = { ...profile.customFields, ...item.customFields };
  profile.updatedAt = now;
}

function claim(
  owners: Map<string, string>,
  field: 'email' | 'phone',
  value: string,
  profile: Profile,
  path: string,
): string {
  const owner = owners.get(`${field}:${value}`);
  if (owner && owner !== profile.id) {
    throw DomainError.conflict(`${path}.${field}`, 'belongs to another profile');
  }
  if (profile[field] && profile[field] !== value) owners.delete(`${field}:${profile[field]}`);
  owners.set(`${field}:${value}`, profile.id);
  return value;
}

/** Runs one item's parsing; its errors name the item (`data[3].phone`). */
function atItem(path: string, parse: () => Omit<ParsedItem, 'path'>): ParsedItem {
  try {
    return { ...parse(), path };
  } catch (error) {
    throw error instanceof DomainError ? error.atPath(path) : error;
  }
}
