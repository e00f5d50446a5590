import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import type { PointsByCurrency } from '@loyalty/loyalty-engine';
import type { LoyaltyProgram } from '../entities/loyalty-program.entity';
import { Member } from '../entities/member.entity';
import type { PointsCurrency } from '../entities/points-currency.entity';
import { findTransactionById, TransactionRow } from '../ledger/ledger-store';
import { MemberLedger, PostingDetails } from '../ledger/member-ledger';
import { promotionLimitsOf, releaseLimits } from '../ledger/promotion-limits';
import type { MemberRef } from '../repositories/member-lookup';
import type { ProgramConfig } from '../read-model/program-config';

/** A transaction an order's commit posted (the order keeps the list). */
export interface OrderPostedTransaction {
  transactionId: number;
  type: 'redemption' | 'accrual';
  currencyEid: string;
}

/** The member's ledger opened for one of their orders, or null when the membership has ended. */
export interface OrderLedger {
  ledger: MemberLedger;
  member: MemberRef;
}

/**
 * Opens the ledger of the member who committed an order, locking their accounts in the currencies
 * the order posted in (and `extraCurrencies`). Null when the membership was deleted since: its
 * accounts are frozen and its points were written off, so a return or cancellation has nothing
 * left to move in the ledger.
 */
export async function openOrderLedger(
  em: EntityManager,
  config: ProgramConfig,
  memberId: number,
  transactions: readonly OrderPostedTransaction[],
  now: Date,
): Promise<OrderLedger | null> {
  const member = await em.findOne(Member, { id: memberId, program: config.program.id });
  if (!member || member.status !== 'active') return null;
  const currencies = transactions.map((posted) => currencyOf(config, posted.currencyEid));
  const ledger = await MemberLedger.open(em, config.program as LoyaltyProgram, member, currencies, now);
  return { ledger, member };
}

export interface OrderReversalRequest {
  transactions: readonly OrderPostedTransaction[];
  /** Redeemed points to give back to their lots (the redemption's currency). */
  pointsReturned: bigint;
  /** Accrued points to cancel, per currency. */
  pointsCancelled: readonly PointsByCurrency[];
  /**
   * Reverse whatever every transaction still has instead (the order's last units, or its
   * cancellation): the order's net effect on the ledger ends at exactly zero.
   */
  rest: boolean;
  /** `source_*` of the cancellations (the order), and their description. */
  details: PostingDetails;
}

export interface OrderReversalPart {
  cancellationId: number;
  relatedTransactionId: number;
  type: 'redemption' | 'accrual';
  currencyEid: string;
  /** Points reversed: given back (redemption) or cancelled (accrual, uncollected included). */
  reversed: bigint;
  expiredAtOnce: bigint;
  debt: bigint;
  uncollected: bigint;
  /** The original is now cancelled in full. */
  complete: boolean;
}

export interface OrderReversalResult {
  /** Redeemed points given back. */
  pointsReturned: bigint;
  /** Accrued points cancelled per currency (uncollected and debt parts included). */
  pointsCancelled: PointsByCurrency[];
  parts: OrderReversalPart[];
}

/**
 * Reverses part (or the rest) of an order's ledger postings (rules.md §5) in the member's open
 * ledger: the redemption gives `pointsReturned` back to its lots, each accrual cancels its
 * currency's points — each as a `cancellation` related to the original, carrying the order as its
 * source. A transaction no longer `posted` (cancelled through `cancel_transaction`) has nothing
 * left to reverse and is skipped.
 */
export async function reverseOrderPostings(
  ledger: MemberLedger,
  request: OrderReversalRequest,
): Promise<OrderReversalResult> {
  const parts: OrderReversalPart[] = [];
  for (const posted of request.transactions) {
    const original = await requireTransaction(ledger, posted.transactionId);
    if (original.status !== 'posted') continue;
    const amount = request.rest
      ? 'rest'
      : posted.type === 'redemption'
        ? request.pointsReturned
        : (request.pointsCancelled.find((points) => points.points_currency_eid === posted.currencyEid)?.amount ?? 0n);
    if (amount === 0n) continue;
    const outcome = await ledger.reversePosted(original, amount, request.details);
    if (!outcome.cancellation) continue;
    parts.push({
      cancellationId: outcome.cancellation.id,
      relatedTransactionId: original.id,
      type: posted.type,
      currencyEid: posted.currencyEid,
      reversed: outcome.reversed,
      expiredAtOnce: outcome.expiredAtOnce,
      debt: outcome.debt,
      uncollected: outcome.uncollected,
      complete: outcome.complete,
    });
  }
  const cancelled = new Map<string, bigint>();
  for (const part of parts.filter((entry) => entry.type === 'accrual')) {
    cancelled.set(part.currencyEid, (cancelled.get(part.currencyEid) ?? 0n) + part.reversed);
  }
  return {
    pointsReturned: parts.filter((part) => part.type === 'redemption').reduce((sum, part) => sum + part.reversed, 0n),
    pointsCancelled: [...cancelled].map(([points_currency_eid, amount]) => ({ points_currency_eid, amount })),
    parts,
  };
}

/** What a promotion's counters moved by for an order (stored with the order at commit). */
export interface OrderPromotionUse {
  promotionId: number;
  budgetAmount: bigint;
}

/**
 * Gives back the uses and budget an order's promotions consumed (a cancellation with the program's
 * `release_on_cancel`, rules.md §5, §9): one use each, the stored budget amount, and the member's
 * per-member counter in the period of `committedAt`. Call after the member's accounts are locked
 * (the commit's lock order). Promotions deleted since are skipped.
 */
export async function releaseOrderLimits(
  em: EntityManager,
  program: LoyaltyProgram,
  member: MemberRef | null,
  uses: readonly OrderPromotionUse[],
  committedAt: Date,
): Promise<number[]> {
  const released: number[] = [];
  for (const use of [...uses].sort((a, b) => a.promotionId - b.promotionId)) {
    const [exists]: unknown[] = await em.execute('select 1 from promotions where id = ?', [use.promotionId]);
    if (!exists) continue;
    const promotion = await promotionLimitsOf(em, use.promotionId);
    await releaseLimits(em, { promotion, member, program, at: committedAt, budgetAmount: use.budgetAmount });
    released.push(use.promotionId);
  }
  return released;
}

async function requireTransaction(ledger: MemberLedger, transactionId: number): Promise<TransactionRow> {
  const found = await findTransactionById(ledger.em, ledger.program.id, transactionId);
  if (!found) throw new DomainError('INTERNAL', `the order's transaction ${transactionId} is missing`);
  return found;
}

function currencyOf(config: ProgramConfig, eid: string): PointsCurrency {
  const currency = config.currencies.find((candidate) => candidate.externalId === eid);
  if (!currency) throw new DomainError('INTERNAL', `the order names an unknown points currency ${eid}`);
  return currency;
}
