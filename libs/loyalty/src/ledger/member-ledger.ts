import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { bigintMin, DomainError, Points } from '@loyalty/kernel';
import {
  Balance,
  LotAllocation,
  netBalance,
  planRedemption,
  planReturn,
  planReversal,
  planSettlement,
} from '@loyalty/loyalty-engine';
import { NewOutboxEvent, writeOutboxEvents } from '@loyalty/platform';
import type { LoyaltyProgram } from '../entities/loyalty-program.entity';
import type { Member } from '../entities/member.entity';
import { PointsAccount } from '../entities/points-account.entity';
import type { PointsCurrency } from '../entities/points-currency.entity';
import { PointsLot } from '../entities/points-lot.entity';
import { PointsTransaction, TransactionStatus, TransactionType } from '../entities/points-transaction.entity';
import { Promotion } from '../entities/promotion.entity';
import { RedemptionAllocation } from '../entities/redemption-allocation.entity';
import { TransactionStatusChange } from '../entities/transaction-status-change.entity';
import { releaseLimits } from './promotion-limits';
import { asTemporary } from './balance-reader';
import { recordTierChanges } from './tier-keeper';

/** What every posting may say about where it came from. */
export interface PostingDetails {
  transactionEid?: string | null;
  promotionId?: number | null;
  description?: string | null;
  sourceType?: string | null;
  sourceIid?: string | null;
  sourceEid?: string | null;
  externalData?: unknown;
  /** The ledger instant (back-dating); defaults to now. */
  createdAt?: Date;
}

export interface AccrualPosting extends PostingDetails {
  currency: PointsCurrency;
  amount: bigint;
  type?: Extract<TransactionType, 'accrual' | 'initial_balance' | 'adjustment'>;
  activationAt: Date;
  expiresAt: Date | null;
  /** A temporary accrual: pending until committed, gone at the deadline. */
  tempDeadline?: Date | null;
}

export interface RedemptionPosting extends PostingDetails {
  currency: PointsCurrency;
  amount: bigint;
  type?: Extract<TransactionType, 'redemption' | 'adjustment'>;
  /** A temporary redemption (hold). */
  tempDeadline?: Date | null;
  /** Adjustments of currencies that allow it may go below zero. */
  allowDebt?: boolean;
}

/**
 * The ledger of one member inside one database transaction. `open` locks the member's points
 * accounts (in currency order) and brings them up to date (`settle`), so every posting after it
 * works on an exact cached balance. Postings keep the cache, the lots, the allocations and the
 * transactions consistent (the invariant of rules.md §2.1), and queue outbox events that `finish`
 * writes in the same transaction.
 */
export class MemberLedger {
  private readonly events: NewOutboxEvent[] = [];
  private readonly lastSteps: (() => Promise<void>)[] = [];
  private readonly lots = new Map<number, PointsLot[]>();

  private constructor(
    readonly em: EntityManager,
    readonly program: LoyaltyProgram,
    readonly member: Member,
    readonly now: Date,
    private readonly accounts: Map<number, PointsAccount>,
    private readonly currencies: Map<number, PointsCurrency>,
  ) {}

  static async open(
    em: EntityManager,
    program: LoyaltyProgram,
    member: Member,
    currencies: PointsCurrency[],
    now: Date,
    lockWaitMs: number,
  ): Promise<MemberLedger> {
    const sorted = [...new Map(currencies.map((currency) => [currency.id, currency])).values()].sort(
      (a, b) => a.id - b.id,
    );
    await em.execute(
      `insert into points_accounts (account_id, member_id, currency_id, active, pending, held, debt, version, frozen)
       select ?, ?, unnest(?::bigint[]), 0, 0, 0, 0, 0, false
       on conflict (member_id, currency_id) do nothing`,
      [member.account, member.id, `{${sorted.map((currency) => currency.id).join(',')}}`],
    );
    await em.execute(`set local lock_timeout = ${Math.floor(lockWaitMs)}`);
    const currencyIds = sorted.map((currency) => currency.id);
    await em.execute(
      'select id from points_accounts where member_id = ? and currency_id in (?) order by currency_id for update',
      [member.id, currencyIds],
    );
    const accounts = await em.find(
      PointsAccount,
      { member: member.id, currency: { $in: currencyIds } },
      { refresh: true, filters: false },
    );
    if (accounts.some((account) => account.frozen)) {
      throw new DomainError('NOT_A_MEMBER', 'The membership is deleted');
    }
    const ledger = new MemberLedger(
      em,
      program,
      member,
      now,
      new Map(accounts.map((account) => [account.currency, account])),
      new Map(sorted.map((currency) => [currency.id, currency])),
    );
    for (const currency of sorted) await ledger.settle(currency);
    return ledger;
  }

  account(currency: PointsCurrency): PointsAccount {
    const account = this.accounts.get(currency.id);
    if (!account) throw new DomainError('INTERNAL', `points account of currency ${currency.id} is not open`);
    return account;
  }

  /** The exact balance now (the cache is settled up to `now`). */
  balance(currency: PointsCurrency): Balance {
    return netBalance(this.account(currency));
  }

  // ── Accruals ────────────────────────────────────────────────────────────────────────────────

  /** Posts an accrual: a lot (active or pending) or, with a deadline, a temporary accrual. */
  async accrue(posting: AccrualPosting): Promise<PointsTransaction> {
    const account = this.account(posting.currency);
    const temporary = posting.tempDeadline != null;
    const transaction = this.newTransaction(account, posting, {
      type: posting.type ?? 'accrual',
      status: temporary ? 'temporary' : 'posted',
      amount: posting.amount,
      activationAt: posting.activationAt,
      expirationAt: posting.expiresAt,
      tempDeadline: posting.tempDeadline ?? null,
    });
    await this.em.flush();
    if (temporary) {
      account.pending += posting.amount;
    } else {
      await this.createLot(account, transaction, posting.amount, posting.activationAt, posting.expiresAt);
    }
    this.touched(account);
    this.queue(temporary ? null : 'points.accrued', posting.currency, transaction);
    await this.settle(posting.currency);
    return transaction;
  }

  // ── Redemptions ─────────────────────────────────────────────────────────────────────────────

  /**
   * Posts a redemption (or a negative adjustment): drains active lots in spending order, or holds
   * them for a temporary redemption. Error 9 when the active balance does not cover it, unless
   * `allowDebt` lets the rest become debt.
   */
  async redeem(posting: RedemptionPosting): Promise<PointsTransaction> {
    const account = this.account(posting.currency);
    const active = this.balance(posting.currency).active;
    if (posting.amount > active && !posting.allowDebt) {
      throw new DomainError(
        'INSUFFICIENT_POINTS',
        `${Points.format(posting.amount)} points asked, ${Points.format(active)} active`,
        {
          active_balance: Points.format(active),
        },
      );
    }
    const lots = await this.openLots(account);
    const plan = planRedemption(lots, posting.amount, this.now);
    const temporary = posting.tempDeadline != null;
    const transaction = this.newTransaction(account, posting, {
      type: posting.type ?? 'redemption',
      status: temporary ? 'temporary' : 'posted',
      amount: -posting.amount,
      tempDeadline: posting.tempDeadline ?? null,
    });
    await this.em.flush();
    const taken = this.drain(account, transaction, lots, plan.allocations);
    account.debt += posting.amount - taken;
    if (temporary) account.held += taken;
    this.touched(account);
    this.queue(temporary ? null : 'points.redeemed', posting.currency, transaction);
    return transaction;
  }

  // ── Temporary transactions ──────────────────────────────────────────────────────────────────

  /** `commit_transaction`: the accrual gets its lot, the hold stays drained. */
  async commit(transaction: PointsTransaction): Promise<void> {
    const { account, currency } = this.ownerOf(transaction);
    this.requireTemporary(transaction);
    this.changeStatus(transaction, 'posted', 'commit');
    if (transaction.type === 'redemption') {
      account.held += transaction.amount; // amount is negative
      this.queue('points.redeemed', currency, transaction);
    } else {
      account.pending -= transaction.amount;
      await this.createLot(
        account,
        transaction,
        transaction.amount,
        transaction.activationAt ?? this.now,
        transaction.expirationAt,
      );
      this.queue('points.accrued', currency, transaction);
      await this.settle(currency);
    }
    this.touched(account);
  }

  /**
   * `rollback_transaction`, `cancel_transaction` of a temporary one, or its deadline: the hold goes
   * back to its lots (or the pending accrual vanishes) and the promotion's use is given back.
   */
  async release(transaction: PointsTransaction, reason: 'rollback' | 'cancel' | 'timeout'): Promise<void> {
    const { account, currency } = this.ownerOf(transaction);
    this.requireTemporary(transaction);
    this.changeStatus(transaction, reason === 'cancel' ? 'cancelled' : 'rolled_back', reason);
    if (transaction.type === 'redemption') {
      account.held += transaction.amount;
      await this.giveBack(account, currency, transaction);
    } else {
      account.pending -= transaction.amount;
    }
    if (transaction.promotion != null) {
      const promotion = await this.em.findOneOrFail(Promotion, { id: transaction.promotion }, { filters: false });
      const budgetAmount = transaction.type === 'redemption' ? 0n : transaction.amount;
      await releaseLimits(this.em, {
        promotion,
        member: this.member,
        program: this.program,
        at: transaction.recordedAt,
        budgetAmount,
      });
    }
    this.touched(account);
  }

  // ── Cancellation of posted transactions ────────────────────────────────────────────────────

  /**
   * `cancel_transaction` of a posted one: a reversing `cancellation`. A redemption's points go back
   * to their lots (parts of expired lots expire at once); an accrual's points are taken back from
   * its lot, then from other active lots; what is missing becomes debt or an uncollected adjustment.
   */
  async cancelPosted(original: PointsTransaction, details: PostingDetails = {}): Promise<PointsTransaction> {
    const { account, currency } = this.ownerOf(original);
    if (
      original.status !== 'posted' ||
      !['accrual', 'redemption', 'initial_balance', 'adjustment'].includes(original.type)
    ) {
      throw new DomainError(
        'TRANSACTION_STATE',
        `A ${original.status} ${original.type} transaction cannot be cancelled`,
      );
    }
    this.changeStatus(original, 'cancelled', 'cancel');
    if (original.amount < 0n) {
      const cancellation = this.newTransaction(account, details, {
        type: 'cancellation',
        status: 'posted',
        amount: -original.amount,
        relatedTransaction: original.id,
      });
      await this.em.flush();
      this.touched(account);
      await this.giveBack(account, currency, original);
      this.queue('points.cancelled', currency, cancellation);
      return cancellation;
    }
    const lot = await this.em.findOneOrFail(PointsLot, { transaction: original.id }, { filters: false });
    const others = (await this.openLots(account)).filter((other) => other.id !== lot.id);
    const plan = planReversal(lot, others, original.amount, this.now, currency.allowNegative);
    const taken = plan.fromReversedLot + plan.fromOtherLots.reduce((sum, part) => sum + part.amount, 0n);
    const cancellation = this.newTransaction(account, details, {
      type: 'cancellation',
      status: 'posted',
      amount: -(taken + plan.debt),
      relatedTransaction: original.id,
    });
    await this.em.flush();
    if (plan.fromReversedLot > 0n)
      this.drain(account, cancellation, [lot], [{ lotId: lot.id, amount: plan.fromReversedLot }]);
    this.drain(account, cancellation, others, plan.fromOtherLots);
    account.debt += plan.debt;
    this.touched(account);
    if (plan.uncollected > 0n) {
      this.newTransaction(
        account,
        { description: 'Uncollected: the cancelled points had been spent' },
        {
          type: 'adjustment',
          status: 'posted',
          amount: 0n,
          relatedTransaction: original.id,
          externalData: { uncollected: Points.format(plan.uncollected) },
        },
      );
    }
    this.queue('points.cancelled', currency, cancellation);
    return cancellation;
  }

  // ── Membership end ──────────────────────────────────────────────────────────────────────────

  /**
   * `delete_member`: holds are released, then every remaining point (active and pending) and any
   * debt is written off with one `adjustment`.
   */
  async writeOff(currency: PointsCurrency): Promise<PointsTransaction | null> {
    const account = this.account(currency);
    const temporaries = await this.em.find(
      PointsTransaction,
      { pointsAccount: account.id, status: 'temporary' },
      { filters: false },
    );
    for (const temporary of temporaries) await this.release(temporary, 'rollback');
    const total = netBalance(account).total;
    if (total === 0n && account.debt === 0n) return null;
    const writeOff = this.newTransaction(
      account,
      { description: 'Membership deleted: points written off' },
      {
        type: 'adjustment',
        status: 'posted',
        amount: -total,
      },
    );
    await this.em.flush();
    const lots = (await this.openLots(account)).filter((lot) => lot.remaining > 0n);
    this.drain(
      account,
      writeOff,
      lots,
      lots.map((lot) => ({ lotId: lot.id, amount: lot.remaining })),
    );
    account.debt = 0n;
    this.touched(account);
    return writeOff;
  }

  // ── Settlement ──────────────────────────────────────────────────────────────────────────────

  /**
   * Brings the account's cache up to `now`: activates due lots, expires due lots (posting
   * `expiration` transactions at their expiry instant) and releases timed-out temporaries.
   */
  async settle(currency: PointsCurrency): Promise<void> {
    const account = this.account(currency);
    const lots = await this.openLots(account);
    const temporaries = await this.em.find(
      PointsTransaction,
      { pointsAccount: account.id, status: 'temporary', tempDeadline: { $lte: this.now } },
      { filters: false, orderBy: { id: 'asc' } },
    );
    const allocations = await this.allocationsOf(
      temporaries.filter((transaction) => transaction.type === 'redemption'),
    );
    const heldLots = await this.lotsById(allocations.map((allocation) => allocation.lot));
    const plan = planSettlement(
      [...lots, ...heldLots.filter((lot) => !lots.includes(lot))],
      temporaries.map((transaction) => asTemporary(transaction, allocations)),
      this.now,
    );
    if (plan.activate.length === 0 && plan.expire.length === 0 && plan.timeouts.length === 0) return;
    const byId = new Map([...lots, ...heldLots].map((lot) => [lot.id, lot]));
    for (const lotId of plan.activate) this.activate(account, byId.get(lotId) as PointsLot, currency);
    for (const timeout of plan.timeouts) {
      const transaction = temporaries.find((candidate) => candidate.id === timeout.transactionId) as PointsTransaction;
      await this.release(transaction, 'timeout');
    }
    for (const expiry of plan.expire) this.expireLot(account, currency, byId.get(expiry.lotId) as PointsLot);
    this.touched(account);
  }

  /**
   * Records tiers reached through the qualification accounts touched, and writes the queued outbox
   * events into the unit of work; call once, before the transaction ends.
   */
  async finish(): Promise<void> {
    for (const currency of this.currencies.values()) {
      if (currency.type === 'qualification') {
        this.events.push(...(await recordTierChanges(this.em, this.program, this.member, currency.id, this.now)));
      }
    }
    writeOutboxEvents(this.em, this.events.splice(0));
    await this.em.flush();
    for (const step of this.lastSteps.splice(0)) await step();
  }

  /** Work to do as the last statements before the commit (contended counters: their row locks are held briefly). */
  atTheEnd(step: () => Promise<void>): void {
    this.lastSteps.push(step);
  }

  // ── Internals ───────────────────────────────────────────────────────────────────────────────

  private async createLot(
    account: PointsAccount,
    transaction: PointsTransaction,
    amount: bigint,
    activationAt: Date,
    expiresAt: Date | null,
  ): Promise<PointsLot> {
    const lot = this.em.create(PointsLot, {
      account: account.account,
      pointsAccount: account.id,
      transaction: transaction.id,
      amount,
      remaining: amount,
      activationAt,
      expiresAt,
      activated: false,
      expired: false,
    });
    await this.em.flush();
    account.pending += amount;
    this.lots.get(account.id)?.push(lot);
    return lot;
  }

  /** Pending → active; points owed are paid from the lot first. */
  private activate(account: PointsAccount, lot: PointsLot, _currency: PointsCurrency): void {
    lot.activated = true;
    account.pending -= lot.remaining;
    const paid = bigintMin(account.debt, lot.remaining);
    lot.remaining -= paid;
    account.debt -= paid;
    account.active += lot.remaining;
  }

  /** The lot's remaining expires: an `expiration` dated at the lot's expiry instant. */
  private expireLot(account: PointsAccount, currency: PointsCurrency, lot: PointsLot): void {
    if (lot.expired) return;
    const amount = lot.remaining;
    if (lot.activated) account.active -= amount;
    else account.pending -= amount;
    lot.remaining = 0n;
    lot.expired = true;
    if (amount > 0n) this.postExpiration(account, currency, lot, amount, lot.expiresAt ?? this.now);
  }

  private postExpiration(
    account: PointsAccount,
    currency: PointsCurrency,
    lot: PointsLot,
    amount: bigint,
    at: Date,
  ): void {
    const expiration = this.newTransaction(
      account,
      { createdAt: at, description: 'Expired' },
      {
        type: 'expiration',
        status: 'posted',
        amount: -amount,
        relatedTransaction: lot.transaction,
        expirationAt: lot.expiresAt,
      },
    );
    this.queue('points.expired', currency, expiration);
  }

  /** Takes the allocated parts out of their lots (and out of `active`), recording the allocations. */
  private drain(
    account: PointsAccount,
    transaction: PointsTransaction,
    lots: PointsLot[],
    parts: readonly LotAllocation[],
  ): bigint {
    const byId = new Map(lots.map((lot) => [lot.id, lot]));
    let taken = 0n;
    for (const part of parts) {
      const lot = byId.get(part.lotId) as PointsLot;
      lot.remaining -= part.amount;
      if (lot.activated) account.active -= part.amount;
      else account.pending -= part.amount;
      taken += part.amount;
      this.em.create(RedemptionAllocation, {
        account: account.account,
        transaction: transaction.id,
        lot: lot.id,
        amount: part.amount,
        returned: 0n,
      });
    }
    return taken;
  }

  /** Gives a redemption's (or hold's) allocations back to their lots; parts of expired lots expire at once. */
  private async giveBack(account: PointsAccount, currency: PointsCurrency, taken: PointsTransaction): Promise<void> {
    const allocations = await this.em.find(
      RedemptionAllocation,
      { transaction: taken.id },
      { filters: false, orderBy: { id: 'asc' } },
    );
    const lots = await this.lotsById(allocations.map((allocation) => allocation.lot));
    const open = allocations.map((allocation) => ({
      lotId: allocation.lot,
      amount: allocation.amount - allocation.returned,
    }));
    const plan = planReturn(
      open.filter((part) => part.amount > 0n),
      lots,
      this.now,
    );
    const byId = new Map(lots.map((lot) => [lot.id, lot]));
    for (const allocation of allocations) allocation.returned = allocation.amount;
    for (const part of plan.restore) {
      const lot = byId.get(part.lotId) as PointsLot;
      lot.remaining += part.amount;
      account.active += part.amount;
    }
    for (const part of plan.expireAtOnce) {
      const lot = byId.get(part.lotId) as PointsLot;
      this.expireLot(account, currency, lot);
      this.postExpiration(account, currency, lot, part.amount, this.now);
    }
    await this.em.flush();
  }

  private newTransaction(
    account: PointsAccount,
    details: PostingDetails,
    fields: {
      type: TransactionType;
      status: TransactionStatus;
      amount: bigint;
      activationAt?: Date | null;
      expirationAt?: Date | null;
      tempDeadline?: Date | null;
      relatedTransaction?: number | null;
      externalData?: unknown;
    },
  ): PointsTransaction {
    const before = netBalance(account).total;
    return this.em.create(PointsTransaction, {
      account: account.account,
      program: this.program.id,
      member: this.member.id,
      pointsAccount: account.id,
      transactionEid: details.transactionEid ?? randomUUID(),
      type: fields.type,
      status: fields.status,
      amount: fields.amount,
      balanceBefore: before,
      balanceAfter: before + fields.amount,
      promotion: details.promotionId ?? null,
      description: details.description ?? null,
      activationAt: fields.activationAt ?? null,
      expirationAt: fields.expirationAt ?? null,
      tempDeadline: fields.tempDeadline ?? null,
      sourceType: details.sourceType ?? null,
      sourceIid: details.sourceIid ?? null,
      sourceEid: details.sourceEid ?? null,
      externalData: fields.externalData ?? details.externalData ?? null,
      relatedTransaction: fields.relatedTransaction ?? null,
      createdAt: details.createdAt ?? this.now,
      recordedAt: this.now,
    });
  }

  private changeStatus(transaction: PointsTransaction, to: TransactionStatus, reason: string): void {
    this.em.create(TransactionStatusChange, {
      account: transaction.account,
      transaction: transaction.id,
      fromStatus: transaction.status,
      toStatus: to,
      reason,
      changedAt: this.now,
    });
    transaction.status = to;
  }

  private requireTemporary(transaction: PointsTransaction): void {
    if (transaction.status !== 'temporary') {
      throw new DomainError('TRANSACTION_STATE', `The transaction is ${transaction.status}, not temporary`);
    }
  }

  private ownerOf(transaction: PointsTransaction): { account: PointsAccount; currency: PointsCurrency } {
    for (const [currencyId, account] of this.accounts) {
      if (account.id === transaction.pointsAccount)
        return { account, currency: this.currencies.get(currencyId) as PointsCurrency };
    }
    throw new DomainError('INTERNAL', `the account of transaction ${transaction.id} is not open`);
  }

  private touched(account: PointsAccount): void {
    account.version += 1;
  }

  /** Lots that can still change: not expired, and not a drained never-expiring activated lot. */
  private async openLots(account: PointsAccount): Promise<PointsLot[]> {
    let lots = this.lots.get(account.id);
    if (!lots) {
      lots = await this.em.find(
        PointsLot,
        {
          pointsAccount: account.id,
          expired: false,
          $or: [{ remaining: { $gt: 0n } }, { activated: false }, { expiresAt: { $ne: null } }],
        },
        { filters: false, orderBy: { id: 'asc' } },
      );
      this.lots.set(account.id, lots);
    }
    return lots;
  }

  private async lotsById(ids: number[]): Promise<PointsLot[]> {
    if (ids.length === 0) return [];
    return this.em.find(PointsLot, { id: { $in: [...new Set(ids)] } }, { filters: false });
  }

  private async allocationsOf(transactions: PointsTransaction[]): Promise<RedemptionAllocation[]> {
    if (transactions.length === 0) return [];
    return this.em.find(
      RedemptionAllocation,
      { transaction: { $in: transactions.map((transaction) => transaction.id) } },
      { filters: false, orderBy: { id: 'asc' } },
    );
  }

  private queue(eventType: string | null, currency: PointsCurrency, transaction: PointsTransaction): void {
    if (!eventType) return;
    this.events.push({
      accountId: this.member.account,
      eventType,
      subjectKey: `member:${this.member.id}`,
      occurredAt: transaction.createdAt,
      payload: {
        loyalty_program_id: this.program.id,
        profile_id: this.member.profile,
        points_currency_eid: currency.externalId,
        transaction_id: transaction.id,
        transaction_eid: transaction.transactionEid,
        transaction_type: transaction.type,
        amount: Points.format(transaction.amount),
      },
    });
  }
}
