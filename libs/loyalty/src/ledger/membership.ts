import { personSubjectKey } from '@loyalty/contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { expiresAt } from '@loyalty/kernel';
import { lockTransactionKey, writeOutboxEvents } from '@loyalty/platform';
import { findOrCreateProfile, ProfileMatch } from '@loyalty/profiles';
import type { LoyaltyProgram } from '../entities/loyalty-program.entity';
import { Member } from '../entities/member.entity';
import { PointsCurrency } from '../entities/points-currency.entity';
import { TierGroup } from '../entities/tier-group.entity';
import { TierHistoryEntry } from '../entities/tier-history-entry.entity';
import { Tier } from '../entities/tier.entity';
import { MemberLedger } from './member-ledger';

export interface Registration {
  member: Member;
  profileId: string;
  isNew: boolean;
}

export interface RegistrationOptions {
  registeredAt: Date;
  now: Date;
  /** Grant each standard currency's initial balance (not for members brought in by a ledger import). */
  grantInitialBalance: boolean;
}

/**
 * Makes the person `match` names a member of the program, creating the profile if needed
 * (matching by email, phone or custom field). Registering a member again changes nothing.
 * Serialised per person with an advisory lock, so concurrent registrations make one member.
 */
export async function registerMember(
  em: EntityManager,
  program: LoyaltyProgram,
  match: ProfileMatch,
  options: RegistrationOptions,
): Promise<Registration> {
  await lockTransactionKey(em, `register/${program.id}/${JSON.stringify(match)}`);
  const { profile } = await findOrCreateProfile(em, program.database, match, options.now);
  await em.flush();
  const existing = await em.findOne(Member, { program: program.id, profile: profile.id, status: 'active' });
  if (existing) return { member: existing, profileId: profile.id, isNew: false };

  const member = em.create(Member, {
    account: program.account,
    program: program.id,
    profile: profile.id,
    status: 'active',
    registeredAt: options.registeredAt,
  });
  await em.flush();
  const currencies = await em.find(PointsCurrency, { program: program.id }, { orderBy: { id: 'asc' } });
  const ledger = await MemberLedger.open(em, program, member, currencies, options.now);
  if (options.grantInitialBalance) {
    for (const currency of currencies.filter(
      (candidate) => candidate.type === 'standard' && candidate.initialBalance > 0n,
    )) {
      await ledger.accrue({
        currency,
        amount: currency.initialBalance,
        type: 'initial_balance',
        activationAt: options.registeredAt,
        expiresAt:
          currency.validityUnit && currency.validityValue != null
            ? expiresAt(
                options.registeredAt,
                { unit: currency.validityUnit, value: currency.validityValue },
                program.timezone,
              )
            : null,
        createdAt: options.registeredAt,
        description: 'Initial balance',
        sourceType: 'registration',
      });
    }
  }
  await recordBaseTiers(em, program, member);
  await em.flush();
  await ledger.finish();
  writeOutboxEvents(em, [
    {
      accountId: program.account,
      eventType: 'member.registered',
      subjectKey: personSubjectKey(member.profile),
      occurredAt: options.registeredAt,
      payload: {
        loyalty_program_id: program.id,
        profile_id: profile.id,
        registered_at: options.registeredAt.toISOString(),
      },
    },
  ]);
  return { member, profileId: profile.id, isNew: true };
}

/** A new member holds the threshold-0 tier of every group (cumulative or periodic) from registration (rules.md §7). */
async function recordBaseTiers(em: EntityManager, program: LoyaltyProgram, member: Member): Promise<void> {
  const groups = await em.find(TierGroup, { program: program.id });
  for (const group of groups) {
    const base = await em.findOne(Tier, { group: group.id, threshold: 0n });
    if (!base) continue;
    em.create(TierHistoryEntry, {
      account: member.account,
      member: member.id,
      group: group.id,
      tier: base.id,
      reachedAt: member.registeredAt,
      recordedAt: member.registeredAt,
    });
  }
}
