import { Money, Points } from '@loyalty/kernel';
import { buildCategoryAncestry, CategoryLink } from '../../conditions/category-ancestry';
import { compileOrderCondition } from '../../conditions/order-condition';
import { LineFacts, OrderFacts } from '../../conditions/order-facts';
import { parseAccrualEffect } from '../effects/accrual-effect';
import { parseDiscountEffect } from '../effects/discount-effect';
import { parsePartnerTerms } from '../effects/partner-terms';
import { parseProductSet } from '../effects/product-set';
import { parseRedemptionOverride } from '../effects/redemption-override';
import {
  PricingCurrency,
  PricingInput,
  PricingLine,
  PricingPartner,
  PricingProgram,
  PricingPromoCode,
  PricingPromotion,
  PromotionLimitState,
} from '../pricing-types';

/**
 * Short builders for checkout specs: amounts are decimal strings as in spec/examples.md, the
 * defaults are the examples' (RUB with 2 minor digits, one standard currency `bonus` with
 * precision 2 and point value 0.01, arbitration `priority`, redemption on with a 100 % share).
 */

export const NOW = new Date('2026-03-10T10:00:00Z');

export const money = (text: string): bigint => Money.parse(text, 2);
export const points = (text: string): bigint => Points.parse(text);

export const BONUS: PricingCurrency = {
  eid: 'bonus',
  type: 'standard',
  pointValue: '0.01',
  precision: 2,
  activeAtOnce: false,
};

export function currency(overrides: Partial<PricingCurrency> & { eid: string }): PricingCurrency {
  return { ...BONUS, ...overrides };
}

export interface LineSpec {
  price: string;
  count?: number;
  floor?: string;
  product?: string;
  sku?: string | null;
  categories?: string[];
  known?: boolean;
  id?: string;
}

export interface PromotionOptions {
  externalId?: string;
  priority?: number;
  stacking?: 'exclusive' | 'combinable';
  /** A condition tree in its API shape, compiled here. */
  conditions?: unknown;
  isActive?: boolean;
  startDate?: Date | null;
  endDate?: Date | null;
  promoCodeProgramId?: number | null;
  limits?: Partial<PromotionLimitState>;
}

export interface CartSpec {
  lines: LineSpec[];
  delivery?: string;
  channel?: string | null;
  endpoint?: string | null;
  /** null: no member. Balances by currency eid, decimal strings. */
  member?: { balances?: Record<string, string>; tiers?: string[]; registeredDays?: number } | null;
  currencies?: PricingCurrency[];
  arbitration?: Partial<PricingProgram['arbitration']>;
  redemption?: { enabled?: boolean; maxSharePercent?: string; minRedeem?: string; step?: string };
  promotions?: PricingPromotion[];
  partners?: PricingPartner[];
  promoCodes?: PricingPromoCode[];
  redeem?: string | 'max' | null;
  redemptionCurrency?: string | null;
  categories?: CategoryLink[];
  /** Product segment id → the products in it. */
  productSegments?: Record<number, string[]>;
  now?: Date;
}

function pricingLine(spec: LineSpec, index: number): PricingLine {
  return {
    externalId: spec.id ?? `line_${index + 1}`,
    unitPrice: money(spec.price),
    floorPrice: money(spec.floor ?? '0.00'),
    count: spec.count ?? 1,
    known: spec.known ?? true,
  };
}

function lineFacts(spec: LineSpec, index: number): LineFacts {
  return {
    product: spec.product ?? `product_${index + 1}`,
    sku: spec.sku ?? null,
    categories: spec.categories ?? [],
    price: money(spec.price),
    count: spec.count ?? 1,
    customFields: new Map(),
  };
}

export function cart(spec: CartSpec): PricingInput {
  const lines = spec.lines.map(pricingLine);
  const facts = spec.lines.map(lineFacts);
  const deliveryCost = money(spec.delivery ?? '0.00');
  const goodsTotal = lines.reduce((sum, line) => sum + line.unitPrice * BigInt(line.count), 0n);
  const member = spec.member === undefined ? {} : spec.member;
  const segments = spec.productSegments ?? {};
  const order: OrderFacts = {
    channel: spec.channel ?? null,
    endpoint: spec.endpoint ?? null,
    region: null,
    currency: 'RUB',
    minorDigits: 2,
    goodsTotal,
    totalPrice: goodsTotal + deliveryCost,
    tags: [],
    customFields: new Map(),
    lines: facts,
    member:
      member === null ? null : { tiers: new Set(member.tiers ?? []), registeredDays: member.registeredDays ?? 100 },
    profileCustomFields: new Map(),
    now: { weekday: 2, hour: 10 },
    categories: buildCategoryAncestry(spec.categories ?? []),
    inOrderSegment: () => false,
    inProductSegment: (segmentId, line) => (segments[segmentId] ?? []).includes(line.product),
  };
  const balances = Object.entries(member?.balances ?? {}).map(([eid, text]) => [eid, points(text)] as const);
  return {
    minorDigits: 2,
    lines,
    deliveryCost,
    order,
    member: member === null ? null : { activeBalances: new Map(balances) },
    program: {
      arbitration: { mode: 'priority', maxDiscountPercent: null, ...spec.arbitration },
      redemption: {
        enabled: spec.redemption?.enabled ?? true,
        maxSharePercent: spec.redemption?.maxSharePercent ?? '100',
        minRedeem: points(spec.redemption?.minRedeem ?? '0.00'),
        step: points(spec.redemption?.step ?? '0.01'),
      },
      currencies: spec.currencies ?? [BONUS],
    },
    promotions: spec.promotions ?? [],
    partners: spec.partners ?? [],
    promoCodes: spec.promoCodes ?? [],
    pointsToRedeem:
      spec.redeem === undefined || spec.redeem === null ? null : spec.redeem === 'max' ? 'max' : points(spec.redeem),
    redemptionCurrency: spec.redemptionCurrency ?? null,
    now: spec.now ?? NOW,
  };
}

function promotion(id: number, type: 'discount' | 'points', options: PromotionOptions): PricingPromotion {
  return {
    id,
    externalId: options.externalId ?? `promo_${id}`,
    type,
    isActive: options.isActive ?? true,
    startDate: options.startDate ?? null,
    endDate: options.endDate ?? null,
    priority: options.priority ?? 0,
    stacking: options.stacking ?? 'combinable',
    condition:
      options.conditions === undefined
        ? null
        : compileOrderCondition(options.conditions, { customFieldType: () => undefined }),
    promoCodeProgramId: options.promoCodeProgramId ?? null,
    discount: null,
    accrual: null,
    redemption: null,
    limits: { exhausted: false, budgetLeft: null, ...options.limits },
  };
}

/** A discount promotion from its API `discount` block (`{kind, value, target, max_discount?}`). */
export function discountPromotion(id: number, discount: unknown, options: PromotionOptions = {}): PricingPromotion {
  return { ...promotion(id, 'discount', options), discount: parseDiscountEffect(discount, 2) };
}

/** A points promotion from its API `accrual` (and optional `redemption`) blocks. */
export function pointsPromotion(
  id: number,
  accrual: unknown,
  options: PromotionOptions & { redemption?: unknown; currencies?: string[] } = {},
): PricingPromotion {
  const eids = new Set(options.currencies ?? ['bonus', 'qp', 'extra']);
  return {
    ...promotion(id, 'points', options),
    accrual: accrual === null ? null : parseAccrualEffect(accrual, 2, eids),
    redemption: options.redemption === undefined ? null : parseRedemptionOverride(options.redemption),
  };
}

export function partner(id: number, products: unknown, terms: unknown = {}): PricingPartner {
  return { id, externalId: `partner_${id}`, products: parseProductSet(products), terms: parsePartnerTerms(terms) };
}

/** A line-condition tree picking the lines of these products. */
export function productsCondition(...products: string[]): unknown {
  return { field: 'line.product', op: 'in', value: products };
}
