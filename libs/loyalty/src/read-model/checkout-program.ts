import { MinorDigits, Points } from '@loyalty/kernel';
import {
  compileOrderCondition,
  CustomFieldTypeLookup,
  OrderCondition,
  parseAccrualEffect,
  parseDiscountEffect,
  parsePartnerTerms,
  parseProductSet,
  parseRedemptionOverride,
  PricingCurrency,
  PricingPartner,
  PricingProgram,
  PricingPromotion,
} from '@loyalty/loyalty-engine';
import type { LoyaltyProgram } from '../entities/loyalty-program.entity';
import type { OrderSegment } from '../entities/order-segment.entity';
import type { Partner } from '../entities/partner.entity';
import type { PointsCurrency } from '../entities/points-currency.entity';
import type { Promotion } from '../entities/promotion.entity';
import { programMinorDigits } from '../domain/program-money';

/** A checkout promotion compiled for the engine, without its limit state (read per cart). */
export interface CheckoutPromotion {
  promotion: Readonly<Promotion>;
  /** Ready for the engine as it stands with no counter moved; a limited one gets its state per cart. */
  pricing: PricingPromotion;
  /** Whether per-member, total or budget counters must be read for each cart. */
  hasLimits: boolean;
}

/**
 * A program's checkout configuration compiled once per configuration version: the engine's view
 * of the program, its currencies, its checkout promotions, its partners and its order segments.
 * Stored trees and effects were checked when saved, so compiling them again cannot fail unless the
 * data was changed behind the API's back.
 */
export class CheckoutProgram {
  readonly minorDigits: MinorDigits;
  readonly pricing: PricingProgram;
  readonly promotions: readonly CheckoutPromotion[];
  readonly partners: readonly PricingPartner[];
  readonly orderSegments: ReadonlyMap<number, OrderCondition>;
  private readonly currencyEids: ReadonlySet<string>;
  private readonly compile: (tree: unknown) => OrderCondition;

  constructor(
    readonly program: Readonly<LoyaltyProgram>,
    readonly currencies: readonly PointsCurrency[],
    promotions: readonly Promotion[],
    partners: readonly Partner[],
    segments: readonly OrderSegment[],
    customFieldType: CustomFieldTypeLookup,
  ) {
    this.minorDigits = programMinorDigits(program);
    this.currencyEids = new Set(currencies.map((currency) => currency.externalId));
    this.compile = (tree: unknown) => compileOrderCondition(tree, { customFieldType });
    this.pricing = pricingProgram(program, currencies);
    this.promotions = promotions
      .filter((promotion) => promotion.type !== 'trigger')
      .map((promotion) => this.compilePromotion(promotion));
    this.partners = [...partners]
      .sort((a, b) => a.id - b.id)
      .map((partner) => ({
        id: partner.id,
        externalId: partner.externalId,
        products: parseProductSet(partner.products),
        terms: parsePartnerTerms(partner.terms),
      }));
    this.orderSegments = new Map(segments.map((segment) => [segment.id, this.compile(segment.conditions)]));
  }

  /** A checkout promotion (saved, or a draft being simulated) compiled for the engine. */
  compilePromotion(promotion: Promotion): CheckoutPromotion {
    return checkoutPromotion(promotion, this.minorDigits, this.currencyEids, this.compile);
  }

  /** The currency with this external id (the engine names currencies by external id). */
  currencyByEid(eid: string): PointsCurrency | undefined {
    return this.currencies.find((currency) => currency.externalId === eid);
  }
}

function pricingProgram(program: Readonly<LoyaltyProgram>, currencies: readonly PointsCurrency[]): PricingProgram {
  const redemption = program.redemption;
  return {
    arbitration: {
      mode: program.arbitration.mode,
      maxDiscountPercent: program.arbitration.max_discount_percent,
    },
    redemption: {
      enabled: redemption.enabled,
      maxSharePercent: redemption.max_share_percent,
      minRedeem: Points.parse(redemption.min_redeem),
      step: Points.parse(redemption.step),
    },
    currencies: currencies.map(pricingCurrency),
  };
}

/**
 * Points accrued by an order are active at once when the currency has no activation delay: with
 * `activate_on: "paid"` or `"delivered"` they activate at that status or at the end of the delay,
 * whichever comes first (rules.md §5), and a delay of 0 ends at once.
 */
function pricingCurrency(currency: PointsCurrency): PricingCurrency {
  return {
    eid: currency.externalId,
    type: currency.type,
    pointValue: currency.pointValue,
    precision: currency.precision,
    activeAtOnce: currency.activationDelayDays === 0,
  };
}

function checkoutPromotion(
  promotion: Promotion,
  minorDigits: MinorDigits,
  currencyEids: ReadonlySet<string>,
  compile: (tree: unknown) => OrderCondition,
): CheckoutPromotion {
  const rules = promotion.rules as { discount?: unknown; accrual?: unknown; redemption?: unknown };
  return {
    promotion,
    hasLimits: promotion.limitPerMember != null || promotion.limitTotalUses != null || promotion.limitBudget != null,
    pricing: {
      id: promotion.id,
      externalId: promotion.externalId,
      type: promotion.type as 'discount' | 'points',
      isActive: promotion.isActive,
      startDate: promotion.startDate,
      endDate: promotion.endDate,
      priority: promotion.priority,
      stacking: promotion.stacking,
      condition: promotion.conditions == null ? null : compile(promotion.conditions),
      promoCodeProgramId: promotion.promoCodeProgramId,
      discount: rules.discount == null ? null : parseDiscountEffect(rules.discount, minorDigits),
      accrual: rules.accrual == null ? null : parseAccrualEffect(rules.accrual, minorDigits, currencyEids),
      redemption: rules.redemption == null ? null : parseRedemptionOverride(rules.redemption),
      limits: { exhausted: false, budgetLeft: promotion.limitBudget },
    },
  };
}
