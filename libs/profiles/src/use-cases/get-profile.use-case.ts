import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import type { ProfileMatch } from '../domain/matching';
import type { Profile } from '../entities/profile.entity';
import { findProfile, requireDatabase } from '../repositories/profile-lookup';

/** `profiles/get`: the profile that the matching names, or error 7. */
@Injectable()
export class GetProfile {
  constructor(private readonly em: EntityManager) {}

  async execute(dbId: number, match: ProfileMatch): Promise<Profile> {
    await requireDatabase(this.em, dbId);
    const profile = await findProfile(this.em, dbId, match);
    if (!profile) throw new DomainError('PROFILE_NOT_FOUND', 'No profile matches');
    return profile;
  }
}
