import type { EntityManager } from '@mikro-orm/postgresql';
import type { ProfileMatch } from '@loyalty/profiles';
import type { LoyaltyProgram } from '../entities/loyalty-program.entity';
import type { TierGroup } from '../entities/tier-group.entity';
import { MemberRef, profileCondition } from '../repositories/member-lookup';
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
 * The profile a checkout names and its membership of the program, in one query and without
 * creating anything: null when no profile matches (an anonymous buyer gets what needs no
 * membership). `tierGroups` come from the program's cached configuration.
 */
export async function loadCheckoutBuyer(
  em: EntityManager,
  program: Readonly<LoyaltyProgram>,
  tierGroups: readonly TierGroup[],
  match: ProfileMatch,
  now: Date,
): Promise<CheckoutBuyer | null> {
  const { condition, value } = profileCondition(match);
  const [row]: Array<{
    profile_id: string;
    custom_fields: Record<string, unknown>;
    member_id: string | null;
    registered_at: Date | null;
  }> = await em.execute(
    `select p.id as profile_id, p.custom_fields, m.id as member_id, m.registered_at
       from profiles p
       left join members m on m.profile_id = p.id and m.program_id = ? and m.status = 'active'
      where p.account_id = ? and p.database_id = ? and ${condition}`,
    [program.id, program.account, program.database, ...value],
  );
  if (!row) return null;
  const member: MemberRef | null =
    row.member_id === null
      ? null
      : {
          id: Number(row.member_id),
          account: program.account,
          program: program.id,
          profile: row.profile_id,
          registeredAt: new Date(row.registered_at as Date),
        };
  return {
    profileId: row.profile_id,
    profileCustomFields: row.custom_fields ?? {},
    member: member && (await checkoutMember(em, member, tierGroups, now)),
  };
}

async function checkoutMember(
  em: EntityManager,
  member: MemberRef,
  groups: readonly TierGroup[],
  now: Date,
): Promise<CheckoutMember> {
  const steps = groups.length === 0 ? [] : await cumulativeTierSteps(em, member, [...groups], now);
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
