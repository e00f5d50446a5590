import { personSubjectKey } from '@loyalty/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError, isDomainError, Money, Points } from '@loyalty/kernel';
import { canonicalQuoteText, quoteFigures } from '@loyalty/loyalty-engine';
import {
  activatePromoCodes,
  consumeOrderLimits,
  LoyaltyProgram,
  MemberLedger,
  postOrderLedger,
  PostedOrderTransaction,
} from '@loyalty/loyalty';
import {
  AccountContext,
  APP_CONFIG,
  type AppConfig,
  CLOCK,
  requestFingerprint,
  writeOutboxEvents,
} from '@loyalty/platform';
import { Order } from '../../entities/order.entity';
import type { OrderCheckout } from '../../domain/order-checkout';
import { addOrderLines } from '../../repositories/order-line-writer';
import { lockOrderKey } from '../../repositories/order-lookup';
import { Calculated, CheckoutCalculator } from '../checkout-calculator';
import type { CheckoutRequest } from '../domain/checkout-input';
import { readQuote } from '../domain/quote-token';
import { committedPromotionsOf, lineAllocationOf } from '../domain/stored-checkout';
import type { CalculationAnswer } from '../views/calculation-answer';

export interface CommitAnswer extends CalculationAnswer {
  order_id: number;
  transactions: Array<{
    transaction_id: number;
    transaction_type: string;
    points_currency_eid: string;
    amount: string;
  }>;
  replayed: boolean;
}

/**
 * `market/orders/preorder_commit` (spec api.md §5.2): recalculates the cart inside one database
 * transaction with the member's accounts locked, and either answers error 14 with the fresh
 * calculation (nothing written) or creates the order, posts the redemption and the accruals,
 * moves the promotions' counters and writes the outbox events. Idempotent by `external_id`: the
 * same body answers the stored answer with `replayed: true`; another body is error 15.
 */
@Injectable()
export class CommitPreorder {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly calculator: CheckoutCalculator,
  ) {}

  async execute(request: CheckoutRequest): Promise<CommitAnswer> {
    if (request.data.final_total_price == null) throw DomainError.invalid('data.final_total_price', 'is required');
    const digest = requestFingerprint(request);
    try {
      return await this.em.transactional((em) => this.commit(em, request, digest));
    } catch (error) {
      // A limit or a code used up by another commit since the calculation: the cart is stale.
      if (isDomainError(error) && RACES.has(error.code)) throw await this.staleAfterRace(request);
      throw error;
    }
  }

  private async commit(em: EntityManager, request: CheckoutRequest, digest: string): Promise<CommitAnswer> {
    await lockOrderKey(em, request.external_id);
    const stored = await this.replay(em, request.external_id, digest);
    if (stored) return stored;
    const now = this.clock.now();
    // The member's accounts are locked (all currencies, in a fixed order) before the balance is read.
    let ledger: MemberLedger | null = null;
    const calculated = await this.calculator.calculate(em, request, now, async (member, currency, checkout) => {
      ledger = await MemberLedger.open(
        em,
        checkout.program as LoyaltyProgram,
        member.ref,
        [...checkout.currencies],
        now,
      );
      return ledger.balance(currency);
    });
    return this.write(em, request, digest, calculated, ledger, now);
  }

  private async write(
    em: EntityManager,
    request: CheckoutRequest,
    digest: string,
    calculated: Calculated,
    openLedger: MemberLedger | null,
    now: Date,
  ): Promise<CommitAnswer> {
    const { session, calculation, answer } = calculated;
    this.requireFresh(request, calculated, now);
    const member = session.buyer?.member ?? null;
    const ledger =
      openLedger ??
      (member && (await MemberLedger.open(em, session.program, member.ref, [...session.checkout.currencies], now)));
    if (request.skip_triggers) ledger?.withoutScenarioTriggers();
    const order = em.create(Order, {
      account: AccountContext.accountId(),
      externalId: session.sent.externalId,
      origin: 'checkout',
      endpoint: session.sent.endpoint,
      person: session.named?.person ?? null,
      profileId: session.buyer?.profileId ?? null,
      status: session.sent.status,
      currency: session.sent.currency,
      totalPrice: session.sent.totalPrice,
      deliveryCost: session.sent.deliveryCost ?? 0n,
      region: session.sent.region,
      tags: session.sent.tags ?? [],
      customFields: session.sent.customFields ?? {},
      createTime: session.sent.createTime ?? now,
      updateTime: session.sent.updateTime ?? now,
      createdAt: now,
      updatedAt: now,
    });
    await em.flush();
    addOrderLines(
      em,
      order,
      session.sent.lines.map((line, index) => ({
        sent: line,
        status: line.status ?? 'new',
        committed: {
          finalPricePerItem: calculation.lines[index].finalPricePerItem,
          allocation: lineAllocationOf(calculation, index),
        },
      })),
    );
    const transactions: PostedOrderTransaction[] =
      ledger && member ? await postOrderLedger(ledger, session.checkout, calculation, order, now) : [];
    // Shared rows last: the ledger's writes first, then the promotions' counters (in id order)
    // and the codes, so those locks are held only until COMMIT and never in two orders.
    if (ledger) await ledger.finish();
    const consumed = await consumeOrderLimits(em, session.checkout, calculation, member?.ref ?? null, now);
    const activated = await activatePromoCodes(em, {
      accountId: order.account,
      codeIds: appliedCodeIds(session, calculation),
      profile: session.buyer && { databaseId: session.program.database, profileId: session.buyer.profileId },
      now,
    });
    const result: CommitAnswer = {
      ...answer,
      order_id: order.id,
      transactions: transactions.map((posted) => ({
        transaction_id: posted.transactionId,
        transaction_type: posted.type,
        points_currency_eid: posted.currencyEid,
        amount: Points.format(posted.amount < 0n ? -posted.amount : posted.amount),
      })),
      replayed: false,
    };
    order.checkout = {
      program_id: session.program.id,
      member_id: member?.ref.id ?? null,
      request_digest: digest,
      answer: result as unknown as Record<string, unknown>,
      discount_total: calculation.discountTotal.toString(),
      delivery_discount: calculation.deliveryDiscount.toString(),
      promotions: committedPromotionsOf(
        calculation,
        new Map(consumed.map((use) => [use.promotionId, use.budgetAmount])),
        new Map(session.checkout.promotions.map((entry) => [entry.promotion.id, entry.promotion.returnPolicy])),
      ),
      transactions: transactions.map((posted) => ({
        transaction_id: posted.transactionId,
        transaction_type: posted.type,
        points_currency_eid: posted.currencyEid,
        amount: posted.amount.toString(),
      })),
      promo_code_ids: activated.map((code) => code.codeId),
      canceled_at: null,
    } satisfies OrderCheckout;
    if (!request.skip_triggers) {
      writeOutboxEvents(em, [
        {
          accountId: AccountContext.accountId(),
          eventType: 'order.committed',
          subjectKey: session.buyer ? personSubjectKey(session.buyer.profileId) : null,
          payload: {
            order_id: order.id,
            external_id: order.externalId,
            profile_id: session.buyer?.profileId ?? null,
            loyalty_program_id: session.program.id,
            final_total_price: answer.final_total_price,
            points_redeemed: answer.points_redeemed,
            points_accrued: answer.points_accrued,
          },
          occurredAt: now,
        },
      ]);
    }
    await em.flush();
    return result;
  }

  /** Error 14 when the recalculated total or (with a valid quote) any quoted figure differs. */
  private requireFresh(request: CheckoutRequest, calculated: Calculated, now: Date): void {
    const { session, calculation, answer } = calculated;
    const submitted = Money.parse(
      request.data.final_total_price as string,
      session.minorDigits,
      'data.final_total_price',
    );
    const quoted =
      request.quote_id == null
        ? null
        : readQuote(request.quote_id, AccountContext.accountId(), now, this.config.quoteSecret);
    const figuresDiffer = quoted !== null && quoted !== canonicalQuoteText(quoteFigures(calculation));
    if (submitted !== calculation.finalTotal || figuresDiffer) throw stale(answer);
  }

  /** The stored answer of a committed `external_id` (replayed), error 15 for another body, null when new. */
  private async replay(em: EntityManager, externalId: string, digest: string): Promise<CommitAnswer | null> {
    const existing = await em.findOne(Order, { externalId, deletedAt: null });
    if (!existing) return null;
    if (existing.origin !== 'checkout' || existing.checkout?.request_digest !== digest) {
      throw new DomainError(
        'ORDER_ALREADY_COMMITTED',
        `Order "${externalId}" was ${existing.origin === 'checkout' ? 'committed with a different body' : 'imported'}`,
        { order_id: existing.id },
      );
    }
    return { ...(existing.checkout.answer as unknown as CommitAnswer), replayed: true };
  }

  /** After a lost race on a limit: the fresh calculation (without the exhausted promotion) as error 14. */
  private async staleAfterRace(request: CheckoutRequest): Promise<DomainError> {
    const { answer } = await this.calculator.calculateUnlocked(request, this.clock.now());
    return stale(answer);
  }
}

/** What a concurrent commit can take away between the calculation and the counters' conditional updates. */
const RACES = new Set(['LIMIT_REACHED', 'PROMO_CODE_INVALID']);

/** The rows of the codes that unlocked an applied promotion: commit activates exactly these. */
function appliedCodeIds(session: Calculated['session'], calculation: Calculated['calculation']): number[] {
  const applied = new Set(
    calculation.promoCodes.filter((outcome) => outcome.status === 'applied').map((outcome) => outcome.code),
  );
  return session.promoCodes.flatMap((checked) =>
    applied.has(checked.code) && checked.codeId !== null ? [checked.codeId] : [],
  );
}

function stale(answer: CalculationAnswer): DomainError {
  return new DomainError('PREORDER_STALE', 'The cart changed since it was priced: see details.calculation', {
    calculation: answer,
  });
}
