import type { EntityManager } from '@mikro-orm/postgresql';
import { periodKey, PromotionLimitState } from '@loyalty/loyalty-engine';
import type { LoyaltyProgram } from '../entities/loyalty-program.entity';
import type { MemberRef } from '../repositories/member-lookup';
import type { CheckoutPromotion } from '../read-model/checkout-program';

/**
 * Where each limited promotion's counters stand for this member at `now` (unlimited promotions are
 * not in the map), in one query (the counters move with every use, so they are never cached). Preorder only reads them; a commit
 * moves them with conditional updates and treats a lost race as a stale quote.
 */
export async function loadLimitStates(
  em: EntityManager,
  program: Pick<LoyaltyProgram, 'timezone'>,
  promotions: readonly CheckoutPromotion[],
  member: MemberRef | null,
  now: Date,
): Promise<Map<number, PromotionLimitState>> {
  const states = new Map<number, PromotionLimitState>();
  const limited = promotions.filter((entry) => entry.hasLimits);
  if (limited.length === 0) return states;
  const keys = limited.map((entry) => periodKey(now, entry.promotion.limitPerMemberPeriod, program.timezone));
  const rows: Array<{ id: string; uses_count: number; budget_used: string; member_uses: number | null }> =
    await em.execute(
      `select p.id, p.uses_count, p.budget_used::text as budget_used, u.uses as member_uses
         from promotions p
         join jsonb_to_recordset(?::jsonb) as k(promotion_id bigint, period_key text) on k.promotion_id = p.id
         left join promotion_member_uses u
           on u.promotion_id = p.id and u.member_id = ? and u.period_key = k.period_key`,
      [
        JSON.stringify(limited.map((entry, index) => ({ promotion_id: entry.promotion.id, period_key: keys[index] }))),
        member?.id ?? 0,
      ],
    );
  const byId = new Map(rows.map((row) => [Number(row.id), row]));
  for (const { promotion } of limited) {
    const row = byId.get(promotion.id);
    const memberUses = row?.member_uses ?? 0;
    const uses = row?.uses_count ?? 0;
    const budgetUsed = BigInt(row?.budget_used ?? '0');
    // A per-member limit cannot be kept for an anonymous buyer: such a promotion needs a member.
    const exhausted =
      (promotion.limitPerMember != null && (member === null || memberUses >= promotion.limitPerMember)) ||
      (promotion.limitTotalUses != null && uses >= promotion.limitTotalUses) ||
      (promotion.limitBudget != null && budgetUsed >= promotion.limitBudget);
    const budgetLeft = promotion.limitBudget == null ? null : promotion.limitBudget - budgetUsed;
    states.set(promotion.id, { exhausted, budgetLeft: budgetLeft !== null && budgetLeft < 0n ? 0n : budgetLeft });
  }
  return states;
}
