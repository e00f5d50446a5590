import { MinorDigits, Money, Points } from '@loyalty/kernel';
import { CartCalculation, PointsByCurrency } from '@loyalty/loyalty-engine';

export interface AccruedPointsAnswer {
  points_currency_eid: string;
  amount: string;
  activation_date: string;
  expiration_date: string | null;
}

export interface PromotionShareAnswer {
  id: number;
  external_id: string;
  discount: string;
  points_accrued: string;
}

export interface LineAnswer {
  external_id: string;
  product: string | null;
  sku: string | null;
  count: number;
  base_price_per_item: string;
  final_price_per_item: string;
  final_line_total: string;
  discount: string;
  points_redeemed: string;
  points_redeemed_value: string;
  /** Points of the program's main (redemption) currency; every currency in `points_accrued_by_currency`. */
  points_accrued: string;
  points_accrued_by_currency: Array<{ points_currency_eid: string; amount: string }>;
  promotions: PromotionShareAnswer[];
}

/** The `result` of `preorder` (spec api.md §5.1); `preorder_commit` adds the order and its transactions. */
export interface CalculationAnswer {
  external_id: string;
  currency: string;
  total_price: string;
  delivery_cost: string;
  goods_total: string;
  discount_total: string;
  delivery_discount: string;
  points_redeemed: string;
  points_redeemed_value: string;
  final_total_price: string;
  points_accrued: AccruedPointsAnswer[];
  lines: LineAnswer[];
  applied_promotions: Array<{
    id: number;
    external_id: string;
    type: 'discount' | 'points';
    discount: string;
    points_accrued: string;
    points_redeemed: string;
  }>;
  rejected_promotions: Array<{ id: number; external_id: string; reason: string }>;
  promo_codes: Array<{ code: string; status: string }>;
  redemption: { requested: string; max_allowed: string; applied: string; limited_by: string | null };
  balance: { active_balance: string; total_balance: string; active_after_commit: string } | null;
  member: {
    is_member: boolean;
    profile_id: string | null;
    tiers: Array<{ tiers_group_id: number; tier_eid: string }>;
  };
  quote: { id: string; hash: string; expires_at: string };
}

export interface AnswerContext {
  externalId: string;
  currency: string;
  minorDigits: MinorDigits;
  /** Product and SKU as sent, by line position. */
  sentLines: ReadonlyArray<{ product: string | null; sku: string | null }>;
  promotionEids: ReadonlyMap<number, string>;
  /** The currency shown in the single `points_accrued` figures of lines and promotions. */
  mainCurrencyEid: string | null;
  /** When each currency's accrued points activate and expire. */
  accrualDates: (eid: string) => { activation: string; expiration: string | null };
  balance: { active: bigint; total: bigint } | null;
  /** Points accrued in the redemption currency that are active at once. */
  activeAtOnce: bigint;
  member: CalculationAnswer['member'];
  quote: CalculationAnswer['quote'];
}

function pointsIn(points: readonly PointsByCurrency[], eid: string | null): string {
  return Points.format(points.find((entry) => entry.points_currency_eid === eid)?.amount ?? 0n);
}

const pointsList = (points: readonly PointsByCurrency[]) =>
  points.map((entry) => ({ points_currency_eid: entry.points_currency_eid, amount: Points.format(entry.amount) }));

/** The engine's calculation in the API's words: money with the currency's digits, points with 2. */
export function calculationAnswer(calculation: CartCalculation, context: AnswerContext): CalculationAnswer {
  const money = (amount: bigint) => Money.format(amount, context.minorDigits);
  const eid = (id: number) => context.promotionEids.get(id) ?? String(id);
  const redemption = calculation.redemption;
  const main = (points: readonly PointsByCurrency[]) => pointsIn(points, context.mainCurrencyEid);
  return {
    external_id: context.externalId,
    currency: context.currency,
    total_price: money(calculation.totalPrice),
    delivery_cost: money(calculation.deliveryCost),
    goods_total: money(calculation.goodsTotal),
    discount_total: money(calculation.discountTotal),
    delivery_discount: money(calculation.deliveryDiscount),
    points_redeemed: Points.format(calculation.pointsRedeemed),
    points_redeemed_value: money(calculation.pointsRedeemedValue),
    final_total_price: money(calculation.finalTotal),
    points_accrued: calculation.accrued.map((accrued) => {
      const dates = context.accrualDates(accrued.points_currency_eid);
      return {
        points_currency_eid: accrued.points_currency_eid,
        amount: Points.format(accrued.amount),
        activation_date: dates.activation,
        expiration_date: dates.expiration,
      };
    }),
    lines: calculation.lines.map((line, index) => ({
      external_id: line.externalId,
      product: context.sentLines[index]?.product ?? null,
      sku: context.sentLines[index]?.sku ?? null,
      count: line.count,
      base_price_per_item: money(line.unitPrice),
      final_price_per_item: money(line.finalPricePerItem),
      final_line_total: money(line.finalTotal),
      discount: money(line.discount),
      points_redeemed: Points.format(line.redeemedPoints),
      points_redeemed_value: money(line.redeemedValue),
      points_accrued: main(line.accrued),
      points_accrued_by_currency: pointsList(line.accrued),
      promotions: line.promotions.map((share) => ({
        id: share.promotionId,
        external_id: eid(share.promotionId),
        discount: money(share.discount),
        points_accrued: main(share.accrued),
      })),
    })),
    applied_promotions: calculation.applied.map((applied) => ({
      id: applied.promotionId,
      external_id: applied.externalId,
      type: applied.type,
      discount: money(applied.discount),
      points_accrued: main(applied.accrued),
      points_redeemed: Points.format(applied.redeemedPoints),
    })),
    rejected_promotions: calculation.rejected.map((rejected) => ({
      id: rejected.promotionId,
      external_id: rejected.externalId,
      reason: rejected.reason,
    })),
    promo_codes: calculation.promoCodes.map((code) => ({ code: code.code, status: code.status })),
    redemption: {
      requested: redemption.requested === 'max' ? 'max' : Points.format(redemption.requested),
      max_allowed: Points.format(redemption.maxAllowed),
      applied: Points.format(redemption.applied),
      limited_by: redemption.limitedBy,
    },
    balance: context.balance && {
      active_balance: Points.format(context.balance.active),
      total_balance: Points.format(context.balance.total),
      active_after_commit: Points.format(context.balance.active - calculation.pointsRedeemed + context.activeAtOnce),
    },
    member: context.member,
    quote: context.quote,
  };
}
