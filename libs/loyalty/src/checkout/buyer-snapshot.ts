import type { EntityManager } from '@mikro-orm/postgresql';
import { Balance } from '@loyalty/loyalty-engine';
import { findProfile, ProfileMatch } from '@loyalty/profiles';
import type { LoyaltyProgram } from '../entities/loyalty-program.entity';
import { Member } from '../entities/member.entity';
import type { PointsCurrency } from '../entities/points-currency.entity';
import { TierGroup } from '../entities/tier-group.entity';
import type { MemberRef } from '../repositories/member-lookup';
import { readBalance } from '../ledger/balance-reader';
import { cumulativeTierSteps } from '../ledger/tier-keeper';

const DAY_MS = 86_400_000;

/** The buyer of a cart as checkout reads them; `member` is null for a non-member. */
export interface CheckoutBuyer {
  profileId: string;
  profileCustomFields: Readonly<Record<string, unknown>>;
  member: CheckoutMember | null;
}

export interface CheckoutMember {
  ref: MemberRef;
  registeredDays: number;
  /** The tier held in each tier group. */
  tiers: Array<{ tiersGroupId: number; tierEid: string }>;
}

/**
 * The profile a checkout names and its membership of the program, without creating anything:
 * null when no profile matches (an anonymous buyer gets what needs no membership).
 */
export async function loadCheckoutBuyer(
  em: EntityManager,
  program: LoyaltyProgram,
  match: ProfileMatch,
  now: Date,
): Promise<CheckoutBuyer | null> {
  const profile = await findProfile(em, program.database, match);
  if (!profile) return null;
  const member = await em.findOne(Member, { program: program.id, profile: profile.id, status: 'active' });
  return {
    profileId: profile.id,
    profileCustomFields: profile.customFields,
    member: member && (await checkoutMember(em, program, member, now)),
  };
}

async function checkoutMember(
  em: EntityManager,
  program: LoyaltyProgram,
  member: Member,
  now: Date,
): Promise<CheckoutMember> {
  const groups = await em.find(TierGroup, { program: program.id });
  const steps = groups.length === 0 ? [] : await cumulativeTierSteps(em, member, groups, now);
  const current = new Map<number, { order: number; eid: string }>();
  for (const step of steps) {
    const held = current.get(step.group.id);
    if (!held || step.tier.tierOrder > held.order) {
      current.set(step.group.id, { order: step.tier.tierOrder, eid: step.tier.tierEid });
    }
  }
  return {
    ref: member,
    registeredDays: Math.max(0, Math.floor((now.getTime() - member.registeredAt.getTime()) / DAY_MS)),
    tiers: [...current].map(([tiersGroupId, tier]) => ({ tiersGroupId, tierEid: tier.eid })),
  };
}

/** The member's balance in a currency at `now`, read without locks (preorder). */
export function readCheckoutBalance(
  em: EntityManager,
  member: CheckoutMember,
  currency: PointsCurrency,
  now: Date,
): Promise<Balance> {
  return readBalance(em, member.ref, currency, now);
}
