import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Clock, DomainError } from '@loyalty/kernel';
import { CLOCK } from '@loyalty/platform';
import { MatchingKind, normalizeEmail, normalizePhone, parseMatching } from '../domain/matching';
import type { CustomFieldValue, Profile } from '../entities/profile.entity';
import { findOrCreateProfile, requireDatabase } from '../repositories/profile-lookup';

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

/** `profiles/import`: upsert by the matching field, all or nothing. */
@Injectable()
export class ImportProfiles {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: ImportProfilesInput): Promise<{ created: number; updated: number; profileIds: string[] }> {
    return this.em.transactional(async (em) => {
      await requireDatabase(em, input.dbId);
      const now = this.clock.now();
      let created = 0;
      const profileIds: string[] = [];
      for (const [index, item] of input.items.entries()) {
        const profileId = await atItem(`data[${index}]`, async () => {
          const match = parseMatching({
            ...item,
            matching: input.matching,
            field_name: input.fieldName,
            field_value: customValue(input, item),
          });
          const found = await findOrCreateProfile(em, input.dbId, match, now);
          applyItem(found.profile, item, now);
          await flushItem(em);
          if (found.created) created += 1;
          return found.profile.id;
        });
        profileIds.push(profileId);
      }
      return { created, updated: input.items.length - created, profileIds };
    });
  }
}

function customValue(input: ImportProfilesInput, item: ProfileImportItem): CustomFieldValue | undefined {
  return input.matching === 'custom' && input.fieldName ? item.custom_fields?.[input.fieldName] : undefined;
}

function applyItem(profile: Profile, item: ProfileImportItem, now: Date): void {
  if (item.email) profile.email = normalizeEmail(item.email);
  if (item.phone) profile.phone = normalizePhone(item.phone);
  if (item.custom_fields) profile.customFields = { ...profile.customFields, ...item.custom_fields };
  profile.updatedAt = now;
}

async function flushItem(em: EntityManager): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw new DomainError('CONFLICT', 'The email or phone belongs to another profile', {
        fields: [{ path: 'email', message: 'email or phone belongs to another profile' }],
      });
    }
    throw error;
  }
}

/** Runs one item's work; its errors name the item (`data[3].phone`). */
async function atItem<T>(path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const fields = (error.details.fields ?? []).map((field) => ({ ...field, path: `${path}.${field.path}` }));
    throw new DomainError(error.code, `${path}: ${error.message}`, { ...error.details, fields });
  }
}
