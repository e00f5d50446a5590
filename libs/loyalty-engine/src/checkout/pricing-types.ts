import { MinorDigits, PointsPrecision } from '@loyalty/kernel';
import { OrderCondition } from '../conditions/order-condition';
import { OrderFacts } from '../conditions/order-facts';

/*
 * The contract of `priceCart` (spec rules.md §4): a pure function of the cart, the member's
 * snapshot, the catalog facts, the promotion set, the program settings and `now`. Money is bigint
 * minor units of the order currency, points are bigint hundredths, rates are decimal strings
 * ("12.5") with at most 2 fraction digits, as the kernel's rounding functions take them.
 */

// ---------------------------------------------------------------------------------------------
// Effects (stored in a promotion's `rules`, validated when the promotion is saved)
// ---------------------------------------------------------------------------------------------

export type DiscountKind = 'percent' | 'fixed' | 'fixed_per_item' | 'fixed_price';
export type DiscountTarget = 'order' | 'lines' | 'delivery';

/** A discount promotion's `discount` block, parsed. Money in minor units; `percent` a decimal string. */
export interface DiscountEffect {
  kind: DiscountKind;
  /** `percent` only: the percent ("10"). */
  percent: string | null;
  /** `fixed`, `fixed_per_item`, `fixed_price`: the money value in minor units. */
  amount: bigint | null;
  target: DiscountTarget;
  /** Caps this promotion's total discount on the cart (minor units), split over its lines like an order discount. */
  maxDiscount: bigint | null;
}

export type AccrualKind = 'percent' | 'per_amount' | 'fixed_per_order' | 'fixed_per_item' | 'multiplier';
export type AccrualBase = 'paid' | 'discounted' | 'list';

/** A points promotion's `accrual` block, parsed. */
export interface AccrualEffect {
  kind: AccrualKind;
  /**
   * `percent`: the percent ("5"); `multiplier`: the factor ("2"); `per_amount`, `fixed_per_order`,
   * `fixed_per_item`: points as a decimal string ("1.00").
   */
  value: string;
  /** `per_amount`: the money step in minor units. */
  per: bigint | null;
  base: AccrualBase;
  points_currency_eid: string;
}

/** A points promotion's `redemption` block: overrides the program's share cap on its lines. */
export interface RedemptionOverride {
  maxSharePercent: string;
  /** The block's `point_value`, validated and stored so `promotions/get` echoes it; not applied yet (the currency's value is). */
  pointValue?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------

export interface PricingCurrency {
  eid: string;
  type: 'standard' | 'qualification';
  /** Money one point pays for, decimal string in the order currency ("0.01"). */
  pointValue: string;
  precision: PointsPrecision;
  /** True when points accrued by this order are active at once (no activation delay, `activate_on: delay`). */
  activeAtOnce: boolean;
}

export interface PricingProgram {
  arbitration: { mode: 'priority' | 'best_for_customer'; maxDiscountPercent: string | null };
  redemption: { enabled: boolean; maxSharePercent: string; minRedeem: bigint; step: bigint };
  /** Every points currency of the program; the first standard one is the default redemption and cashback currency. */
  currencies: readonly PricingCurrency[];
}

/** Where a limit counter stands for this member and cart, read by the caller (preorder never moves them). */
export interface PromotionLimitState {
  /** `per_member` or `total_uses` used up. */
  exhausted: boolean;
  /** What is left of `budget` (minor units for discounts, hundredths for points); null = no budget. */
  budgetLeft: bigint | null;
}

export interface PricingPromotion {
  id: number;
  externalId: string;
  type: 'discount' | 'points';
  isActive: boolean;
  startDate: Date | null;
  endDate: Date | null;
  priority: number;
  stacking: 'exclusive' | 'combinable';
  /** Compiled once when the promotion is saved or loaded; null = always holds. */
  condition: OrderCondition | null;
  /** The promo-code program whose code unlocks the promotion; null = no code needed. */
  promoCodeProgramId: number | null;
  discount: DiscountEffect | null;
  accrual: AccrualEffect | null;
  redemption: RedemptionOverride | null;
  limits: PromotionLimitState;
}

/** A product set (api.md §6): a line matches when it is in any of the lists. */
export interface ProductSet {
  products: readonly string[];
  skus: readonly string[];
  /** Category external ids; sub-categories are included (through `OrderFacts.categories`). */
  categories: readonly string[];
  segments: readonly number[];
}

export interface PartnerTerms {
  cashbackPercent: string | null;
  pointsMultiplier: string | null;
  discountPercent: string | null;
  redemptionAllowed: boolean;
  fundedByPartner: boolean;
}

export interface PricingPartner {
  id: number;
  externalId: string;
  products: ProductSet;
  terms: PartnerTerms;
}

export interface PricingLine {
  externalId: string;
  /** Unit price before discounts (`base_price_per_item`). */
  unitPrice: bigint;
  /** `min_price_per_item`: no unit goes below it. */
  floorPrice: bigint;
  count: number;
  /** False for an item the catalog does not know (program allows unknown items): no promotions, no partner. */
  known: boolean;
}

/** A promo code sent in `promo_codes`, checked by the caller against the code store. */
export interface PricingPromoCode {
  code: string;
  /** What the caller found; only `valid` codes unlock their program's promotions. */
  state: 'valid' | 'invalid' | 'expired' | 'not_attached' | 'already_used';
  /** The code's program (null when `invalid`). */
  programId: number | null;
}

export interface PricingMember {
  /** Active balance per currency external id (hundredths); missing = 0. */
  activeBalances: ReadonlyMap<string, bigint>;
}

export interface PricingInput {
  minorDigits: MinorDigits;
  /** Lines as sent; `order.lines[i]` are the condition facts of `lines[i]`. */
  lines: readonly PricingLine[];
  deliveryCost: bigint;
  /** Condition facts (order, lines, member, now in the program zone, segments). */
  order: OrderFacts;
  /** Null for an anonymous buyer or a non-member: no points, only discounts that need no membership. */
  member: PricingMember | null;
  program: PricingProgram;
  /** Every discount and points promotion of the program (active or not: codes report INACTIVE). */
  promotions: readonly PricingPromotion[];
  partners: readonly PricingPartner[];
  promoCodes: readonly PricingPromoCode[];
  /** `points_to_redeem`: null when absent, 'max', or hundredths. */
  pointsToRedeem: bigint | 'max' | null;
  /** The redemption currency's external id (`points_currency_eid`, default the first standard one). */
  redemptionCurrency: string | null;
  now: Date;
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

export type RejectionReason =
  | 'CONDITIONS_NOT_MET'
  | 'TIER_MISMATCH'
  | 'LIMIT_REACHED'
  | 'CODE_MISSING'
  | 'CODE_INVALID'
  | 'EXCLUDED_BY_PRIORITY'
  | 'NO_EFFECT'
  | 'INACTIVE'
  | 'OUT_OF_DATES';

export type RedemptionLimit = 'NOT_ALLOWED' | 'BALANCE' | 'SHARE_CAP' | 'MIN_PRICE' | 'STEP' | 'MIN_REDEEM';

export type PromoCodeOutcome = 'applied' | 'invalid' | 'expired' | 'not_attached' | 'already_used' | 'not_applicable';

/** Points of one currency. */
export interface PointsByCurrency {
  points_currency_eid: string;
  amount: bigint;
}

/** One unit of a line after everything; the parts of a line's units sum to the line's figures. */
export interface UnitAllocation {
  discount: bigint;
  redeemedPoints: bigint;
  redeemedValue: bigint;
  /** Money paid for the unit: unit price − discount − redeemed value. */
  paid: bigint;
  /** Accrued points by currency (only currencies with points on this unit). */
  accrued: readonly PointsByCurrency[];
}

export interface LinePromotionShare {
  promotionId: number;
  discount: bigint;
  /** Points this promotion gives on this line, by currency. */
  accrued: readonly PointsByCurrency[];
}

export interface LineCalculation {
  externalId: string;
  count: number;
  unitPrice: bigint;
  /** unitPrice × count. */
  listTotal: bigint;
  discount: bigint;
  redeemedPoints: bigint;
  redeemedValue: bigint;
  /** listTotal − discount − redeemedValue. */
  finalTotal: bigint;
  /** ⌊finalTotal ÷ count⌋ (the units may differ by a minor unit; `units` has each one). */
  finalPricePerItem: bigint;
  accrued: readonly PointsByCurrency[];
  /** The partner whose terms applied to the line, if any. */
  partnerId: number | null;
  /** The part of `discount` that the partner's `discount_percent` gave (not a promotion, so not in `promotions`). */
  partnerDiscount: bigint;
  /** The part of `accrued` that the partner's cashback and multiplier gave (partner-funded). */
  partnerAccrued: readonly PointsByCurrency[];
  promotions: readonly LinePromotionShare[];
  /** Unit 0 first; returns take units from the highest index down. */
  units: readonly UnitAllocation[];
}

export interface AppliedPromotion {
  promotionId: number;
  externalId: string;
  type: 'discount' | 'points';
  discount: bigint;
  /** Points given, by currency (budget counters of points promotions move by these). */
  accrued: readonly PointsByCurrency[];
  /** Points whose redemption share cap this promotion's `redemption` block set (0 when it has none). */
  redeemedPoints: bigint;
}

export interface RejectedPromotion {
  promotionId: number;
  externalId: string;
  reason: RejectionReason;
}

export interface RedemptionOutcome {
  /** 'max', or the requested hundredths (0 when absent). */
  requested: bigint | 'max';
  /** What an unlimited request would get. */
  maxAllowed: bigint;
  applied: bigint;
  appliedValue: bigint;
  limitedBy: RedemptionLimit | null;
  /** The currency redeemed (null when the program has no standard currency). */
  points_currency_eid: string | null;
}

export interface AccruedTotal extends PointsByCurrency {
  /** The part of `amount` a partner funds (cashback and multipliers of partner terms). */
  partnerFunded: bigint;
}

export interface CartCalculation {
  goodsTotal: bigint;
  deliveryCost: bigint;
  totalPrice: bigint;
  /** Goods and delivery discounts together. */
  discountTotal: bigint;
  deliveryDiscount: bigint;
  pointsRedeemed: bigint;
  pointsRedeemedValue: bigint;
  /** totalPrice − discountTotal − pointsRedeemedValue. */
  finalTotal: bigint;
  lines: readonly LineCalculation[];
  /** Every currency with accrued points, in program currency order. */
  accrued: readonly AccruedTotal[];
  applied: readonly AppliedPromotion[];
  rejected: readonly RejectedPromotion[];
  redemption: RedemptionOutcome;
  promoCodes: readonly { code: string; status: PromoCodeOutcome }[];
}

// ---------------------------------------------------------------------------------------------
// Quote (rules.md §4 step 7): the figures a commit compares; the caller signs them.
// ---------------------------------------------------------------------------------------------

export interface QuoteFigures {
  finalTotal: bigint;
  pointsRedeemed: bigint;
  /** Sorted by currency external id. */
  accrued: readonly PointsByCurrency[];
  /** Sorted ascending. */
  appliedPromotionIds: readonly number[];
}
