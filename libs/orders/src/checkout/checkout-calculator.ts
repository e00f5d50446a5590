import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { formatRfc3339 } from '@loyalty/kernel';
import { CartCalculation, priceCart, PricingPromotion, quoteFigures } from '@loyalty/loyalty-engine';
import { accrualDates, ProgramConfigCache, readBalance } from '@loyalty/loyalty';
import { CatalogStructureCache } from '@loyalty/market-catalog';
import { AccountContext, APP_CONFIG, type AppConfig } from '@loyalty/platform';
import type { CheckoutRequest } from './domain/checkout-input';
import { issueQuote } from './domain/quote-token';
import { CheckoutSession, openCheckoutSession, SessionOptions } from './repositories/checkout-session';
import { calculationAnswer, CalculationAnswer } from './views/calculation-answer';

export interface Calculated {
  session: CheckoutSession;
  calculation: CartCalculation;
  answer: CalculationAnswer;
}

/** `promotions/simulate`: its program, and the promotion set to price with instead of the saved one. */
export interface Simulation {
  programId: number;
  /** The promotions to price with, given the saved ones. */
  promotions: (saved: readonly PricingPromotion[]) => PricingPromotion[];
}

/**
 * One calculation of a checkout request, shared by `preorder`, `preorder_commit` and `simulate`: resolve,
 * price with the pure engine, and answer in the API's words with a fresh quote.
 */
@Injectable()
export class CheckoutCalculator {
  constructor(
    private readonly em: EntityManager,
    private readonly programs: ProgramConfigCache,
    private readonly catalogs: CatalogStructureCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A calculation that locks nothing (preorder, simulate, the fresh answer of a stale commit):
   * balances are read as of `now` without waiting for the worker, on a context of its own.
   */
  calculateUnlocked(request: CheckoutRequest, now: Date, simulation?: Simulation): Promise<Calculated> {
    const em = this.em.fork();
    return this.calculate(
      em,
      request,
      now,
      (member, currency) => readBalance(em, member.ref, currency, now),
      simulation,
    );
  }

  async calculate(
    em: EntityManager,
    request: CheckoutRequest,
    now: Date,
    balanceOf: SessionOptions['balanceOf'],
    simulation?: Simulation,
  ): Promise<Calculated> {
    const session = await openCheckoutSession(em, { programs: this.programs, catalogs: this.catalogs }, request, {
      now,
      balanceOf,
      programId: simulation?.programId,
    });
    if (simulation)
      session.pricing = { ...session.pricing, promotions: simulation.promotions(session.pricing.promotions) };
    const calculation = priceCart(session.pricing);
    return { session, calculation, answer: this.answer(session, calculation, now) };
  }

  private answer(session: CheckoutSession, calculation: CartCalculation, now: Date): CalculationAnswer {
    const { checkout, program, buyer } = session;
    const quote = issueQuote(quoteFigures(calculation), AccountContext.accountId(), now, this.config.quoteSecret);
    const main = session.redemptionCurrency;
    const activeAtOnce =
      main && checkout.pricing.currencies.find((currency) => currency.eid === main.externalId)?.activeAtOnce
        ? (calculation.accrued.find((accrued) => accrued.points_currency_eid === main.externalId)?.amount ?? 0n)
        : 0n;
    return calculationAnswer(calculation, {
      externalId: session.sent.externalId,
      currency: session.sent.currency,
      minorDigits: session.minorDigits,
      sentLines: session.sent.lines,
      promotionEids: new Map(session.pricing.promotions.map((promotion) => [promotion.id, promotion.externalId])),
      mainCurrencyEid: main?.externalId ?? null,
      accrualDates: (eid) => {
        const currency = checkout.currencyByEid(eid);
        const dates = currency ? accrualDates(program, currency, now, {}) : null;
        return {
          activation: formatRfc3339(dates?.activationAt ?? now),
          expiration: dates?.expiresAt ? formatRfc3339(dates.expiresAt) : null,
        };
      },
      balance: session.balance && { active: session.balance.active, total: session.balance.total },
      activeAtOnce,
      member: {
        is_member: buyer?.member != null,
        profile_id: buyer?.profileId ?? null,
        tiers: (buyer?.member?.tiers ?? []).map((tier) => ({
          tiers_group_id: tier.tiersGroupId,
          tier_eid: tier.tierEid,
        })),
      },
      quote: { id: quote.id, hash: quote.hash, expires_at: formatRfc3339(quote.expiresAt) },
    });
  }
}
