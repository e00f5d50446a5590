import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, localDateParts, MinorDigits, Points } from '@loyalty/kernel';
import { Balance, MemberFacts, PricingInput } from '@loyalty/loyalty-engine';
import {
  CheckedPromoCode,
  CheckoutBuyer,
  CheckoutProgram,
  checkPromoCodes,
  loadCheckoutBuyer,
  loadLimitStates,
  LoyaltyProgram,
  PointsCurrency,
  ProgramConfig,
  ProgramConfigCache,
} from '@loyalty/loyalty';
import { CatalogStructures, loadCartCatalog } from '@loyalty/market-catalog';
import { CheckoutRoute, resolveCheckoutRoute } from './checkout-route';
import { checkOrderTotal, readOrderDocument, SentLine, SentOrder } from '../../domain/order-document';
import type { NamedPerson } from '../../domain/order-person';
import { lineStatusEffect } from '../../domain/line-status-effect';
import { buildCart, Cart } from '../domain/cart-facts';
import type { CheckoutRequest } from '../domain/checkout-input';
import { readCheckoutPerson } from '../domain/checkout-person';

/** Everything one calculation needs, loaded for one request. */
export interface CheckoutSession {
  config: ProgramConfig;
  checkout: CheckoutProgram;
  program: LoyaltyProgram;
  minorDigits: MinorDigits;
  sent: SentOrder & { lines: SentLine[] };
  named: NamedPerson | null;
  buyer: CheckoutBuyer | null;
  cart: Cart;
  /** The currency points are redeemed in (null when the program has no standard currency). */
  redemptionCurrency: PointsCurrency | null;
  /** The buyer's balance in the redemption currency (null for a non-member). */
  balance: Balance | null;
  /** The promo codes sent, as the code store answered them (their rows, for activation on commit). */
  promoCodes: CheckedPromoCode[];
  pricing: PricingInput;
}

export interface SessionOptions {
  /** The balance in the redemption currency: read without locks (preorder), or from the locked ledger (commit). */
  balanceOf: (
    member: NonNullable<CheckoutBuyer['member']>,
    currency: PointsCurrency,
    checkout: CheckoutProgram,
  ) => Promise<Balance>;
  now: Date;
  /** `promotions/simulate` names its program (active or not) instead of taking the touchpoint's. */
  programId?: number;
}

/**
 * Resolves a checkout request (rules.md §4 step 1): the touchpoint's sales channel, the active
 * program of its database (error 17 without one), the catalog slice of the lines, the buyer and
 * their balance, the limit counters and the promo codes; and builds the engine's input.
 */
export async function openCheckoutSession(
  em: EntityManager,
  caches: { programs: ProgramConfigCache; catalogs: CatalogStructures },
  request: CheckoutRequest,
  options: SessionOptions,
): Promise<CheckoutSession> {
  const named = readCheckoutPerson(request);
  const route = await resolveCheckoutRoute(em, request.data.endpoint);
  const config = await pricingProgram(em, caches.programs, route, options.programId);
  const checkout = config.checkout;
  const program = config.program as LoyaltyProgram;
  if (request.data.currency !== program.currency) {
    throw DomainError.invalid('data.currency', `must be the program's currency, ${program.currency}`);
  }
  const sent = readCheckoutDocument(request, checkout.minorDigits);
  const catalog = await loadCartCatalog(em, sent.lines, caches.catalogs);
  const buyer = named && (await loadCheckoutBuyer(em, program, config.tierGroups, named.match, options.now));
  const member = buyer?.member ?? null;
  const redemptionCurrency = pickRedemptionCurrency(checkout, request.data.points_currency_eid);
  const balance = member && redemptionCurrency ? await options.balanceOf(member, redemptionCurrency, checkout) : null;
  const limits = await loadLimitStates(em, program, checkout.promotions, member?.ref ?? null, options.now);
  const promoCodes = await checkPromoCodes(em, {
    accountId: program.account,
    codes: request.data.promo_codes ?? [],
    profile: buyer && { databaseId: program.database, profileId: buyer.profileId },
    now: options.now,
  });
  const local = localDateParts(options.now, program.timezone);
  const memberFacts: MemberFacts | null = member && {
    tiers: new Set(member.tiers.map((tier) => tier.tierEid)),
    registeredDays: member.registeredDays,
  };
  const cart = buildCart(sent, {
    catalog,
    allowUnknownItems: program.allowUnknownItems,
    channel: route.channelExternalId,
    minorDigits: checkout.minorDigits,
    member: memberFacts,
    profileCustomFields: buyer?.profileCustomFields ?? {},
    now: { weekday: local.weekday, hour: local.hour },
    inOrderSegment: (segmentId, order) => checkout.orderSegments.get(segmentId)?.evaluate(order).matches ?? false,
  });
  const pricing: PricingInput = {
    minorDigits: checkout.minorDigits,
    lines: cart.lines,
    deliveryCost: sent.deliveryCost ?? 0n,
    order: cart.facts,
    member:
      member && redemptionCurrency && balance
        ? { activeBalances: new Map([[redemptionCurrency.externalId, balance.active]]) }
        : member
          ? { activeBalances: new Map() }
          : null,
    program: checkout.pricing,
    // Only a limited promotion is copied, to carry this cart's counter state.
    promotions: checkout.promotions.map((entry) => {
      const state = limits.get(entry.promotion.id);
      return state ? { ...entry.pricing, limits: state } : entry.pricing;
    }),
    partners: checkout.partners,
    promoCodes: promoCodes.map(({ code, state, programId }) => ({ code, state, programId })),
    pointsToRedeem: readPointsToRedeem(request.data.points_to_redeem, redemptionCurrency),
    redemptionCurrency: redemptionCurrency?.externalId ?? null,
    now: options.now,
  };
  return {
    config,
    checkout,
    program,
    minorDigits: checkout.minorDigits,
    sent,
    named,
    buyer,
    cart,
    redemptionCurrency,
    balance,
    promoCodes,
    pricing,
  };
}

/**
 * The program that prices the cart: the active program of the touchpoint's database (error 17
 * without one), or the program a simulation names, which must be bound to that database.
 */
async function pricingProgram(
  em: EntityManager,
  programs: ProgramConfigCache,
  route: CheckoutRoute,
  programId: number | undefined,
): Promise<ProgramConfig> {
  if (programId !== undefined) {
    const config = await programs.get(em, programId);
    if (config.program.database !== route.databaseId) {
      throw DomainError.invalid('data.endpoint', "is not a touchpoint of the program's database");
    }
    return config;
  }
  if (route.programId === null || route.configVersion === null) {
    throw new DomainError('MARKET_REQUIRED', `No active loyalty program prices orders of database ${route.databaseId}`);
  }
  return programs.at(em, route.programId, route.configVersion);
}

function readCheckoutDocument(request: CheckoutRequest, minorDigits: MinorDigits): SentOrder & { lines: SentLine[] } {
  const noCustomStatuses = new Map();
  const sent = readOrderDocument(
    { ...request.data, external_id: request.external_id, status: request.data.status ?? 'new' },
    { minorDigits, zone: 'UTC', lineEffect: (status) => lineStatusEffect(status, noCustomStatuses) },
  );
  const lines = sent.lines ?? [];
  if (lines.length === 0) throw DomainError.invalid('data.lines', 'a cart has at least one line');
  checkOrderTotal(lines, sent.deliveryCost ?? 0n, sent.totalPrice, minorDigits);
  return { ...sent, lines };
}

/** `points_currency_eid` names a standard currency (error 1 for a qualification one, 18 when unknown); default: the first standard one. */
function pickRedemptionCurrency(checkout: CheckoutProgram, eid: string | null | undefined): PointsCurrency | null {
  if (eid == null) return checkout.currencies.find((currency) => currency.type === 'standard') ?? null;
  const currency = checkout.currencyByEid(eid);
  if (!currency) {
    throw DomainError.unknownReference('data.points_currency_eid', `the program has no points currency "${eid}"`);
  }
  if (currency.type !== 'standard') {
    throw DomainError.invalid('data.points_currency_eid', 'qualification points cannot be redeemed');
  }
  return currency;
}

/** `points_to_redeem`: absent (none), "max", or points in the currency's precision. */
function readPointsToRedeem(text: string | null | undefined, currency: PointsCurrency | null): bigint | 'max' | null {
  if (text == null) return null;
  if (text === 'max') return 'max';
  const points = Points.parse(text, 'data.points_to_redeem');
  if (points < 0n) throw DomainError.invalid('data.points_to_redeem', 'must not be negative');
  return currency ? Points.requirePrecision(points, currency.precision, 'data.points_to_redeem') : points;
}
