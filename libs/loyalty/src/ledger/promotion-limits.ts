import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { periodKey } from '@loyalty/loyalty-engine';
import type { LoyaltyProgram } from '../entities/loyalty-program.entity';
import type { MemberRef } from '../repositories/member-lookup';
import type { Promotion } from '../entities/promotion.entity';
import type { SqlStatement } from './ledger-store';

/** What the limit counters need to know of a promotion. */
export type PromotionCounters = Pick<
  Promotion,
  'id' | 'externalId' | 'limitPerMember' | 'limitPerMemberPeriod' | 'limitTotalUses' | 'limitBudget'
>;

export interface LimitUse {
  promotion: PromotionCounters;
  /** Null for an anonymous checkout: only total uses and budget count. */
  member: MemberRef | null;
  program: LoyaltyProgram;
  /** The instant the use counts for (its limit period). */
  at: Date;
  /** Points the use gives, counted against the budget (0 for redemptions). */
  budgetAmount: bigint;
}

/**
 * Moves a promotion's counters for one use, with conditional updates inside the caller's
 * transaction: per member (per period), total uses, and budget. Returns the budget amount granted,
 * which is cut to what is left of the budget (error 11 when a limit is exhausted), and whether the
 * plain use count is still to be moved with `countUse` just before the commit.
 * Always called after the member's accounts are locked, so locks are taken in one order. The
 * loaded Promotion entity is never changed here: its counters are only ever moved in SQL, so a
 * flush can never write back a stale count.
 */
export async function consumeLimits(
  em: EntityManager,
  use: LimitUse,
): Promise<{ granted: bigint; countLater: boolean }> {
  await takeMemberUses(em, [use]);
  if (!hasTotals(use.promotion)) {
    // Nothing to enforce: count the use at the very end (countUse), so that the promotion's row is
    // locked only for the commit instead of serialising every use of a popular promotion.
    return { granted: use.budgetAmount, countLater: true };
  }
  return { granted: await takeTotals(em, use.promotion, use.budgetAmount), countLater: false };
}

/** Whether a promotion caps its total uses or its budget (its row is then locked by every use). */
export const hasTotals = (promotion: PromotionCounters): boolean =>
  promotion.limitTotalUses != null || promotion.limitBudget != null;

/**
 * Counts one use per member and period for each use whose promotion has a per-member limit, in one
 * statement, in promotion id order; error 11 for the first promotion whose limit is reached (or
 * that an anonymous buyer cannot use).
 */
export async function takeMemberUses(em: EntityManager, uses: readonly LimitUse[]): Promise<void> {
  const limited = uses
    .filter((use) => use.promotion.limitPerMember != null)
    .sort((a, b) => a.promotion.id - b.promotion.id);
  if (limited.length === 0) return;
  const anonymous = limited.find((use) => use.member === null);
  if (anonymous) throw limitReached(anonymous.promotion, 'per member');
  const member = limited[0].member as MemberRef;
  const rows: { promotion_id: string }[] = await em.execute(
    `insert into promotion_member_uses (promotion_id, member_id, period_key, account_id, uses)
     select u.promotion_id, ?, u.period_key, ?, 1 from jsonb_to_recordset(?::jsonb) as u(promotion_id bigint, period_key text)
     on conflict (promotion_id, member_id, period_key)
     do update set uses = promotion_member_uses.uses + 1
       where promotion_member_uses.uses < (select limit_per_member from promotions where id = excluded.promotion_id)
     returning promotion_id`,
    [
      member.id,
      member.account,
      JSON.stringify(
        limited.map((use) => ({
          promotion_id: use.promotion.id,
          period_key: periodKey(use.at, use.promotion.limitPerMemberPeriod, use.program.timezone),
        })),
      ),
    ],
  );
  const counted = new Set(rows.map((row) => Number(row.promotion_id)));
  const refused = limited.find((use) => !counted.has(use.promotion.id));
  if (refused) throw limitReached(refused.promotion, 'per member');
}

/** Counts a use of a promotion without limits: a statement for the very end of the transaction. */
export function countUse(promotion: PromotionCounters, budgetAmount: bigint): SqlStatement {
  return {
    sql: 'update promotions set uses_count = uses_count + 1, budget_used = budget_used + ? where id = ?',
    params: [budgetAmount.toString(), promotion.id],
  };
}

/**
 * Counts the uses of many promotions without limits (a commit's applied promotions) in one
 * statement, for the very end of the transaction: their rows are locked in id order first, so two
 * commits never wait on each other in two orders, and one round trip replaces one per promotion.
 * The lock is FOR NO KEY UPDATE, the one an UPDATE takes: FOR UPDATE would also wait for the key
 * share locks that rows referencing the promotion (member uses, transactions) hold until their
 * commit, and two commits would deadlock on each other's references.
 */
export async function countUses(
  em: EntityManager,
  uses: ReadonlyArray<{ promotionId: number; budgetAmount: bigint }>,
): Promise<void> {
  if (uses.length === 0) return;
  await em.execute(
    `with counted as (select id, count(*) as uses, sum(budget) as budget
                        from jsonb_to_recordset(?::jsonb) as u(id bigint, budget bigint) group by id),
          locked as materialized (select id from promotions where id in (select id from counted) order by id for no key update)
     update promotions p
        set uses_count = p.uses_count + c.uses, budget_used = p.budget_used + c.budget
       from counted c join locked l on l.id = c.id
      where p.id = c.id`,
    [JSON.stringify(uses.map((use) => ({ id: use.promotionId, budget: use.budgetAmount.toString() })))],
  );
}

/** Gives one use back (a temporary transaction rolled back, cancelled or timed out). */
export async function releaseLimits(em: EntityManager, use: LimitUse): Promise<void> {
  const { promotion, member } = use;
  if (promotion.limitPerMember != null && member !== null) {
    const key = periodKey(use.at, promotion.limitPerMemberPeriod, use.program.timezone);
    await em.execute(
      'update promotion_member_uses set uses = uses - 1 where promotion_id = ? and member_id = ? and period_key = ? and uses > 0',
      [promotion.id, member.id, key],
    );
  }
  await em.execute('update promotions set uses_count = uses_count - 1, budget_used = budget_used - ? where id = ?', [
    use.budgetAmount.toString(),
    promotion.id,
  ]);
}

export async function takeTotals(
  em: EntityManager,
  promotion: PromotionCounters,
  budgetAmount: bigint,
): Promise<bigint> {
  const rows: { granted: string }[] = await em.execute(
    `with current as (select id, budget_used from promotions where id = ? for no key update)
     update promotions p
        set uses_count = p.uses_count + 1,
            budget_used = p.budget_used + least(?::bigint, coalesce(p.limit_budget - p.budget_used, ?::bigint))
       from current
      where p.id = current.id
        and (p.limit_total_uses is null or p.uses_count < p.limit_total_uses)
        and (p.limit_budget is null or ?::bigint = 0 or p.budget_used < p.limit_budget)
     returning p.budget_used - current.budget_used as granted`,
    [promotion.id, budgetAmount.toString(), budgetAmount.toString(), budgetAmount.toString()],
  );
  if (rows.length === 0) throw limitReached(promotion, 'total uses or budget');
  return BigInt(rows[0].granted);
}

function limitReached(promotion: PromotionCounters, which: string): DomainError {
  return new DomainError('LIMIT_REACHED', `Promotion ${promotion.externalId}: the ${which} limit is exhausted`, {
    promotion_id: promotion.id,
  });
}

/** A promotion's limits, read without the unit of work (releases happen inside ledger postings). */
export async function promotionLimitsOf(em: EntityManager, promotionId: number): Promise<PromotionCounters> {
  const [row]: Record<string, unknown>[] = await em.execute(
    'select id, external_id, limit_per_member, limit_per_member_period, limit_total_uses, limit_budget from promotions where id = ?',
    [promotionId],
  );
  return {
    id: Number(row['id']),
    externalId: row['external_id'] as string,
    limitPerMember: row['limit_per_member'] as number | null,
    limitPerMemberPeriod: row['limit_per_member_period'] as PromotionCounters['limitPerMemberPeriod'],
    limitTotalUses: row['limit_total_uses'] as number | null,
    limitBudget: row['limit_budget'] == null ? null : BigInt(row['limit_budget'] as string),
  };
}
