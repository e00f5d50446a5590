import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError } from '@loyalty/kernel';
import { CLOCK, recordAudit } from '@loyalty/platform';
import type { ProfileMatch } from '../domain/matching';
import { findProfile, requireDatabase } from '../repositories/profile-lookup';

/**
 * `profiles/delete`: erases personal data. Email, phone and custom fields are removed; the
 * profile id stays as an anonymous id so ledger rows still add up. Erasing twice is a no-op.
 */
@Injectable()
export class DeleteProfile {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(dbId: number, match: ProfileMatch): Promise<{ profileId: string; erasedAt: Date }> {
    return this.em.transactional(async (em) => {
      await requireDatabase(em, dbId);
      const profile = await findProfile(em, dbId, match);
      if (!profile) throw new DomainError('PROFILE_NOT_FOUND', 'No profile matches');
      if (!profile.erasedAt) {
        const now = this.clock.now();
        profile.email = null;
        profile.phone = null;
        profile.customFields = {};
        profile.erasedAt = now;
        profile.updatedAt = now;
        recordAudit(em, this.clock, { entityType: 'profile', entityId: profile.id, action: 'erase' });
      }
      return { profileId: profile.id, erasedAt: profile.erasedAt };
    });
  }
}
