import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { CartCalculation } from '@loyalty/loyalty-engine';
import type { LoyaltyProgram } from '../entities/loyalty-program.entity';
import { accrualDates } from '../domain/operation-dates';
import type { MemberLedger } from '../ledger/member-ledger';
import { countUses, hasTotals, LimitUse, takeMemberUses, takeTotals } from '../ledger/promotion-limits';
import type { MemberRef } from '../repositories/member-lookup';
import type { CheckoutProgram } from '../read-model/checkout-program';

export interface OrderReference {
  id: number;
  externalId: string;
}

export interface PostedOrderTransaction {
  transactionId: number;
  type: 'redemption' | 'accrual';
  currencyEid: string;
  /** Signed: a redemption is negative. */
  amount: bigint;
}

/** What a promotion's counters moved by for this order (to give back on cancellation). */
export interface ConsumedUse {
  promotionId: number;
  budgetAmount: bigint;
}

/**
 * Posts an order's ledger effects in the member's open ledger (rules.md §5): the redemption drains
 * lots in spending order; each currency's accrual makes one lot, pending until the currency's
 * activation delay has passed (the return window). Both carry `source_type: "order"`.
 */
export async function postOrderLedger(
  ledger: MemberLedger,
  checkout: CheckoutProgram,
  calculation: CartCalculation,
  order: OrderReference,
  now: Date,
): Promise<PostedOrderTransaction[]> {
  const source = { sourceType: 'order', sourceIid: String(order.id), sourceEid: order.externalId, createdAt: now };
  const posted: PostedOrderTransaction[] = [];
  const redemption = calculation.redemption;
  if (redemption.applied > 0n && redemption.points_currency_eid) {
    const currency = requireCurrency(checkout, redemption.points_currency_eid);
    const transaction = await ledger.redeem({
      ...source,
      currency,
      amount: redemption.applied,
      description: `Order ${order.externalId}`,
    });
    posted.push({
      transactionId: transaction.id,
      type: 'redemption',
      currencyEid: currency.externalId,
      amount: -redemption.applied,
    });
  }
  for (const accrued of calculation.accrued) {
    if (accrued.amount <= 0n) continue;
    const currency = requireCurrency(checkout, accrued.points_currency_eid);
    const dates = accrualDates(checkout.program as LoyaltyProgram, currency, now, {});
    const transaction = await ledger.accrue({
      ...source,
      currency,
      amount: accrued.amount,
      activationAt: dates.activationAt,
      expiresAt: dates.expiresAt,
      description: `Order ${order.externalId}`,
      externalData: accrued.partnerFunded > 0n ? { partner_funded: accrued.partnerFunded.toString() } : undefined,
    });
    posted.push({
      transactionId: transaction.id,
      type: 'accrual',
      currencyEid: currency.externalId,
      amount: accrued.amount,
    });
  }
  return posted;
}

/**
 * Moves the counters of every applied promotion with conditional updates (rules.md §9): per member,
 * total uses and budget, by the discount (money) or the points it gave. Three steps, each in
 * promotion id order so two commits never lock the same rows in two orders: the per-member uses
 * in one statement, the capped promotions (total uses or budget) one by one, and the uses of the
 * others counted together in one statement. The caller runs this last, after its ledger writes, so
 * the rows stay locked only until COMMIT. A budget cut or an exhausted limit found here means
 * another commit won the race since the calculation: the commit is stale (error 14 with a fresh
 * calculation, decided by the caller).
 */
export async function consumeOrderLimits(
  em: EntityManager,
  checkout: CheckoutProgram,
  calculation: CartCalculation,
  member: MemberRef | null,
  now: Date,
): Promise<ConsumedUse[]> {
  const byId = new Map(checkout.promotions.map((entry) => [entry.promotion.id, entry.promotion]));
  const uses: LimitUse[] = [...calculation.applied]
    .sort((a, b) => a.promotionId - b.promotionId)
    .flatMap((applied) => {
      const promotion = byId.get(applied.promotionId);
      if (!promotion) return [];
      const budgetAmount =
        applied.type === 'discount'
          ? applied.discount
          : applied.accrued.reduce((sum, points) => sum + points.amount, 0n);
      return [{ promotion, member, program: checkout.program as LoyaltyProgram, at: now, budgetAmount }];
    });
  await takeMemberUses(em, uses);
  for (const use of uses.filter((candidate) => hasTotals(candidate.promotion))) {
    const granted = await takeTotals(em, use.promotion, use.budgetAmount);
    if (granted < use.budgetAmount) {
      throw new DomainError('LIMIT_REACHED', `Promotion ${use.promotion.externalId}: the budget ran out`, {
        promotion_id: use.promotion.id,
      });
    }
  }
  const consumed = uses.map((use) => ({ promotionId: use.promotion.id, budgetAmount: use.budgetAmount }));
  await countUses(
    em,
    consumed.filter((_, index) => !hasTotals(uses[index].promotion)),
  );
  return consumed;
}

function requireCurrency(checkout: CheckoutProgram, eid: string) {
  const currency = checkout.currencyByEid(eid);
  if (!currency) throw new DomainError('INTERNAL', `the calculation names an unknown currency ${eid}`);
  return currency;
}
