import { personSubjectKey } from '@loyalty/contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { formatRfc3339, Money, Points } from '@loyalty/kernel';
import {
  CommittedLine,
  linesAfterReturn,
  planAllocationReturn,
  PointsByCurrency,
  Reevaluation,
  ReturnFigures,
} from '@loyalty/loyalty-engine';
import {
  activateOrderPoints,
  activatesOrderPoints,
  LoyaltyProgram,
  openOrderLedger,
  OrderLedger,
  OrderPostedTransaction,
  OrderReversalResult,
  ProgramConfig,
  ProgramConfigCache,
  releaseOrderLimits,
  releasePromoCodes,
  reverseOrderPostings,
} from '@loyalty/loyalty';
import { AccountContext, writeOutboxEvents } from '@loyalty/platform';
import { planLineReturn } from '../domain/line-return';
import type { OrderCheckout, StoredReversal } from '../domain/order-checkout';
import type { OrderLine } from '../entities/order-line.entity';
import { OrderRefund } from '../entities/order-refund.entity';
import type { Order } from '../entities/order.entity';
import { committedOrderFacts } from './committed-order-facts';
import { committedLineOf, storedAllocationAfter } from './stored-allocation';

/** What one return of units of a committed line did (the answer and the refund history row). */
export interface CommittedLineReturn {
  line: OrderLine;
  refund: OrderRefund;
  units: number;
  moneyToRefund: bigint;
  /** Redeemed points given back to their lots. */
  pointsReturned: bigint;
  /** Accrued points cancelled, per currency (debt and uncollected parts included). */
  pointsCancelled: PointsByCurrency[];
  /** The order's main currency's part of `pointsCancelled` (the refund history keeps one figure). */
  pointsCancelledMain: bigint;
  discountReturned: bigint;
  discountClawedBack: bigint;
}

export interface CommittedOrderCancellation {
  returns: CommittedLineReturn[];
  releasedPromotionIds: number[];
  /** False when the order was canceled before: nothing happened. */
  changed: boolean;
}

/**
 * The loyalty side of an order made by `preorder_commit` after its commit (rules.md §5): returns
 * of units, the whole-order cancellation and the early activation of its points. One instance
 * per database transaction, opened under the order's lock; it opens the program's configuration
 * and (on first need) the member's ledger, which locks the member's accounts — the commit's lock
 * order (order, accounts, then promotion counters). Decide, then apply: `planAllocationReturn`
 * computes the figures from the stored allocation, the ledger posts them, and the order keeps
 * the refund history, the updated allocation and the reversal bookkeeping. `finish` flushes the
 * order rows and then writes the ledger's rows and events.
 */
export class CommittedOrderReturns {
  private orderLedger: OrderLedger | null | undefined;

  private constructor(
    private readonly em: EntityManager,
    private readonly config: ProgramConfig,
    private readonly order: Order,
    private readonly lines: OrderLine[],
    private readonly now: Date,
  ) {}

  /** Null when the order is not a committed one (imported orders never touch loyalty). */
  static async open(
    em: EntityManager,
    programs: ProgramConfigCache,
    order: Order,
    lines: OrderLine[],
    now: Date,
  ): Promise<CommittedOrderReturns | null> {
    if (order.origin !== 'checkout' || !order.checkout) return null;
    const config = await programs.get(em, order.checkout.program_id);
    return new CommittedOrderReturns(
      em,
      config,
      order,
      [...lines].sort((a, b) => a.position - b.position),
      now,
    );
  }

  private get checkout(): OrderCheckout {
    return this.order.checkout as OrderCheckout;
  }

  private get posted(): OrderPostedTransaction[] {
    return this.checkout.transactions.map((posted) => ({
      transactionId: posted.transaction_id,
      type: posted.transaction_type,
      currencyEid: posted.points_currency_eid,
    }));
  }

  /**
   * Returns `requested` more units of `line` (null: every unit left), from the highest unit index
   * down: the money paid for them, their redeemed points back to their lots, their accrued points
   * cancelled, and the discount of kept units whose `reevaluate` promotion broke clawed back.
   * Error 1 at `count` for more units than are left, 13 when none is left.
   */
  async returnUnits(
    line: OrderLine,
    requested: number | null,
    status: string,
    effect: 'canceled' | 'refunded',
  ): Promise<CommittedLineReturn> {
    // Only which units and how many (errors 1 and 13): their figures come from the allocation.
    const units = planLineReturn({
      count: line.count,
      unitsReturned: line.unitsReturned,
      requested,
      pricePerItem: 0n,
    }).units;
    const [result] = await this.returnLines([{ line, units }], status, effect, { reevaluate: true, rest: false });
    this.outboxRefund(result, status);
    return result;
  }

  /**
   * `canceled` (rules.md §5): every unit not returned yet comes back line by line as a return
   * does (no re-evaluation: nothing is kept), whatever is left of the order's transactions is
   * reversed so its net effect is zero, and with the program's `release_on_cancel` the
   * promotions' uses and budget and the promo codes are given back. A second cancellation does
   * nothing.
   */
  async cancel(): Promise<CommittedOrderCancellation> {
    if (this.checkout.canceled_at) return { returns: [], releasedPromotionIds: [], changed: false };
    const open = this.lines
      .filter((line) => line.unitsReturned < line.count)
      .map((line) => ({ line, units: line.count - line.unitsReturned }));
    const returns: CommittedLineReturn[] = [];
    for (const [index, entry] of open.entries()) {
      const rest = index === open.length - 1;
      returns.push(...(await this.returnLines([entry], 'canceled', 'canceled', { reevaluate: false, rest })));
    }
    if (open.length === 0) await this.reverseRest();
    const program = this.config.program as LoyaltyProgram;
    let releasedPromotionIds: number[] = [];
    if (program.releaseOnCancel) {
      const ledger = await this.ledger();
      releasedPromotionIds = await releaseOrderLimits(
        this.em,
        program,
        ledger?.member ?? null,
        this.checkout.promotions.map((promotion) => ({
          promotionId: promotion.promotion_id,
          budgetAmount: BigInt(promotion.budget_amount),
        })),
        this.order.createdAt,
      );
      await releasePromoCodes(this.em, {
        accountId: this.order.account,
        codeIds: this.checkout.promo_code_ids,
        now: this.now,
      });
    }
    this.order.checkout = {
      ...this.checkout,
      canceled_at: formatRfc3339(this.now),
      released_promotion_ids: releasedPromotionIds,
    };
    const delivery = this.order.deliveryCost - BigInt(this.checkout.delivery_discount);
    this.outbox('order.canceled', {
      // What is left of the final total: the lines' units not returned before, and the delivery.
      money_to_refund: this.money(sum(returns.map((entry) => entry.moneyToRefund)) + delivery),
      points_returned: Points.format(sum(returns.map((entry) => entry.pointsReturned))),
      points_cancelled: pointsView(mergePoints(returns.flatMap((entry) => entry.pointsCancelled))),
      released_promotion_ids: releasedPromotionIds,
      promo_code_ids: program.releaseOnCancel ? this.checkout.promo_code_ids : [],
    });
    return { returns, releasedPromotionIds, changed: true };
  }

  /**
   * `paid` / `delivered`: when the program's `activate_on` names the status, the order's pending
   * points activate now (rules.md §5). Returns the points activated per currency.
   */
  async statusChanged(status: string): Promise<PointsByCurrency[]> {
    if (this.checkout.canceled_at || !activatesOrderPoints(this.config.program, status)) return [];
    const ledger = await this.ledger();
    if (!ledger) return [];
    const activated = await activateOrderPoints(ledger.ledger, this.posted);
    if (activated.length > 0) this.order.checkout = { ...this.checkout, points_activated_at: formatRfc3339(this.now) };
    return activated;
  }

  /** Flushes the order's rows, then writes the ledger's rows and events (call once, last). */
  async finish(): Promise<void> {
    await this.em.flush();
    if (this.orderLedger) await this.orderLedger.ledger.finish();
  }

  // ── Internals ──────────────────────────────────────────────────────────────────────────────

  private async returnLines(
    entries: readonly { line: OrderLine; units: number }[],
    status: string,
    effect: 'canceled' | 'refunded',
    options: { reevaluate: boolean; rest: boolean },
  ): Promise<CommittedLineReturn[]> {
    const committed = this.committedLines();
    const returns = entries.map(({ line, units }) => ({ line: this.lines.indexOf(line), units }));
    const reevaluation = options.reevaluate ? await this.reevaluation(committed) : null;
    const figures = planAllocationReturn({ lines: committed, returns, reevaluation });
    const ledger = await this.ledger();
    const reversal: OrderReversalResult = ledger
      ? await reverseOrderPostings(ledger.ledger, {
          transactions: this.posted,
          pointsReturned: figures.pointsReturned,
          pointsCancelled: [...figures.pointsCancelled],
          rest: options.rest || figures.orderFullyReturned,
          details: {
            sourceType: 'order',
            sourceIid: String(this.order.id),
            sourceEid: this.order.externalId,
            description: `Order ${this.order.externalId}: ${effect} ${figures.units} unit(s)`,
          },
        })
      : { pointsReturned: 0n, pointsCancelled: [], parts: [] };
    this.applyToLines(committed, figures);
    const results = entries.map(({ line }) => this.record(line, status, effect, figures, reversal));
    await this.em.flush();
    this.order.checkout = {
      ...this.checkout,
      reversals: [
        ...(this.checkout.reversals ?? []),
        ...reversal.parts.map(
          (part): StoredReversal => ({
            refund_id: results[0].refund.id,
            cancellation_id: part.cancellationId,
            related_transaction_id: part.relatedTransactionId,
            transaction_type: part.type,
            points_currency_eid: part.currencyEid,
            amount: part.reversed.toString(),
            expired_at_once: part.expiredAtOnce.toString(),
            debt: part.debt.toString(),
            uncollected: part.uncollected.toString(),
          }),
        ),
      ],
    };
    return results;
  }

  /** The refund history row of one line's return (one line per call: the figures are the call's). */
  private record(
    line: OrderLine,
    status: string,
    effect: 'canceled' | 'refunded',
    figures: ReturnFigures,
    reversal: OrderReversalResult,
  ): CommittedLineReturn {
    const units = figures.lines.find((entry) => this.lines[entry.line] === line)?.units ?? 0;
    const pointsCancelledMain =
      reversal.pointsCancelled.find((points) => points.points_currency_eid === this.mainCurrency())?.amount ?? 0n;
    const refund = this.em.create(OrderRefund, {
      account: AccountContext.accountId(),
      order: this.order.id,
      line: line.id,
      status,
      effect,
      units,
      moneyToRefund: figures.moneyToRefund,
      pointsReturned: reversal.pointsReturned,
      pointsCancelled: pointsCancelledMain,
      discountClawedBack: figures.discountClawedBack,
      createdAt: this.now,
    });
    return {
      line,
      refund,
      units,
      moneyToRefund: figures.moneyToRefund,
      pointsReturned: reversal.pointsReturned,
      pointsCancelled: reversal.pointsCancelled,
      pointsCancelledMain,
      discountReturned: figures.discountReturned,
      discountClawedBack: figures.discountClawedBack,
    };
  }

  /** Units returned and clawbacks written back to the lines' rows. */
  private applyToLines(committed: CommittedLine[], figures: ReturnFigures): void {
    const after = linesAfterReturn(committed, figures);
    this.lines.forEach((line, index) => {
      line.unitsReturned = after[index].unitsReturned;
      if (line.allocation) line.allocation = storedAllocationAfter(line.allocation, after[index]);
    });
  }

  /** The order's transactions reversed in full (an order whose every unit came back before its cancellation). */
  private async reverseRest(): Promise<void> {
    const ledger = await this.ledger();
    if (!ledger) return;
    await reverseOrderPostings(ledger.ledger, {
      transactions: this.posted,
      pointsReturned: 0n,
      pointsCancelled: [],
      rest: true,
      details: { sourceType: 'order', sourceIid: String(this.order.id), sourceEid: this.order.externalId },
    });
  }

  private committedLines(): CommittedLine[] {
    return this.lines.map((line) => committedLineOf(line.allocation, line.count, line.unitsReturned));
  }

  /** The `reevaluate` promotions with a share still standing, with the facts to evaluate them on; null when none. */
  private async reevaluation(committed: readonly CommittedLine[]): Promise<Reevaluation | null> {
    const reevaluated = this.checkout.promotions
      .filter((promotion) => promotion.return_policy === 'reevaluate')
      .map((promotion) => promotion.promotion_id)
      .filter((id) =>
        committed.some((line) =>
          line.promotions.some((share) => share.promotionId === id && share.discount > 0n && !share.clawedBack),
        ),
      );
    if (reevaluated.length === 0) return null;
    const compiled = new Map(this.config.checkout.promotions.map((entry) => [entry.promotion.id, entry.pricing]));
    const promotions = reevaluated
      .filter((id) => compiled.has(id)) // a promotion deleted since keeps its discount
      .map((id) => ({ promotionId: id, condition: compiled.get(id)?.condition ?? null }));
    if (promotions.length === 0) return null;
    return {
      facts: await committedOrderFacts(this.em, this.config, this.order, this.lines),
      promotions,
      orderSegments: this.config.checkout.orderSegments,
    };
  }

  /** The member's ledger, opened (and locked) once; null for an anonymous order or an ended membership. */
  private async ledger(): Promise<OrderLedger | null> {
    if (this.orderLedger === undefined) {
      const memberId = this.checkout.member_id;
      this.orderLedger =
        memberId == null ? null : await openOrderLedger(this.em, this.config, memberId, this.posted, this.now);
    }
    return this.orderLedger;
  }

  /** The currency the refund history's `points_cancelled` is in: the redemption's, else the first accrual's. */
  private mainCurrency(): string | null {
    const transactions = this.checkout.transactions;
    return (
      transactions.find((posted) => posted.transaction_type === 'redemption')?.points_currency_eid ??
      transactions[0]?.points_currency_eid ??
      null
    );
  }

  private outboxRefund(result: CommittedLineReturn, status: string): void {
    this.outbox('order.refunded', {
      order_line_external_id: result.line.externalId,
      status,
      units_returned: result.units,
      money_to_refund: this.money(result.moneyToRefund),
      points_returned: Points.format(result.pointsReturned),
      points_cancelled: pointsView(result.pointsCancelled),
      discount_clawed_back: this.money(result.discountClawedBack),
    });
  }

  private outbox(eventType: string, payload: Record<string, unknown>): void {
    writeOutboxEvents(this.em, [
      {
        accountId: AccountContext.accountId(),
        eventType,
        subjectKey: this.order.profileId ? personSubjectKey(this.order.profileId) : null,
        occurredAt: this.now,
        payload: {
          order_id: this.order.id,
          external_id: this.order.externalId,
          profile_id: this.order.profileId,
          loyalty_program_id: this.checkout.program_id,
          ...payload,
        },
      },
    ]);
  }

  private money(minor: bigint): string {
    return Money.format(minor, this.config.checkout.minorDigits);
  }
}

const sum = (values: readonly bigint[]): bigint => values.reduce((total, value) => total + value, 0n);

function mergePoints(points: readonly PointsByCurrency[]): PointsByCurrency[] {
  const sums = new Map<string, bigint>();
  for (const entry of points)
    sums.set(entry.points_currency_eid, (sums.get(entry.points_currency_eid) ?? 0n) + entry.amount);
  return [...sums].map(([points_currency_eid, amount]) => ({ points_currency_eid, amount }));
}

const pointsView = (points: readonly PointsByCurrency[]) =>
  points.map((entry) => ({ points_currency_eid: entry.points_currency_eid, amount: Points.format(entry.amount) }));
