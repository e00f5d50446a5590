import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { bigintMin, bigintSum, DomainError, Points } from '@loyalty/kernel';
import {
  activateLot,
  Balance,
  expireLot,
  LotAllocation,
  netBalance,
  isExpiredAt,
  OpenAllocation,
  planPartialGiveBack,
  planRedemption,
  planReturn,
  planReversal,
  planSettlement,
  TemporaryTransaction,
} from '@loyalty/loyalty-engine';
import { NewOutboxEvent, outboxInsert } from '@loyalty/platform';
import type { LoyaltyProgram } from '../entities/loyalty-program.entity';
import type { MemberRef } from '../repositories/member-lookup';
import type { PointsCurrency } from '../entities/points-currency.entity';
import type { TransactionStatus, TransactionType } from '../entities/points-transaction.entity';
import {
  AccountRow,
  AllocationRow,
  changeStatus,
  insertAllocations,
  insertLot,
  insertTransaction,
  insertTransactionWithLot,
  loadAccountState,
  loadAllocations,
  loadLots,
  loadTemporaries,
  lockAccounts,
  LotRow,
  lotOfTransaction,
  NewTransaction,
  markAllocationsReturned,
  reversedSoFar,
  runTogether,
  saveAccount,
  saveLots,
  SqlStatement,
  TransactionRow,
} from './ledger-store';
import { expirationRow } from './expiration-row';
import { activationEvent, PointsEventOwner, transactionEvent } from './points-events';
import { promotionLimitsOf, releaseLimits } from './promotion-limits';
import { recordTierChanges } from './tier-keeper';

interface TransactionFields {
  type: TransactionType;
  status: TransactionStatus;
  amount: bigint;
  activationAt?: Date | null;
  expirationAt?: Date | null;
  tempDeadline?: Date | null;
  relatedTransaction?: number | null;
  externalData?: unknown;
}

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

/** What one reversal of a posted transaction did (`reversePosted`). */
export interface ReversalOutcome {
  /** The `cancellation` posted; null when there was nothing to reverse. */
  cancellation: TransactionRow | null;
  /**
   * Points reversed by this call: given back to their lots (a redemption) or cancelled (an accrual,
   * what became debt and what could not be collected included).
   */
  reversed: bigint;
  /** A redemption's part whose lot had expired meanwhile: given back only to expire at once. */
  expiredAtOnce: bigint;
  /** An accrual's part the member now owes (currencies with `allow_negative`). */
  debt: bigint;
  /** An accrual's part that was spent and is given up (recorded as an uncollected adjustment). */
  uncollected: bigint;
  /** The original is reversed in full now, and its status is `cancelled`. */
  complete: boolean;
}

const REVERSIBLE: readonly TransactionType[] = ['accrual', 'redemption', 'initial_balance', 'adjustment'];

/**
 * The ledger of one member inside one database transaction. `open` locks the member's points
 * accounts (in currency order) and brings them up to date (`settle`), so every posting after it
 * works on an exact cached balance. Postings keep the cache, the lots, the allocations and the
 * transactions consistent (the invariant of rules.md §2.1); `finish` writes the changed accounts
 * and lots and the queued outbox events, still inside the caller's transaction.
 *
 * Rows are read and written with plain SQL (ledger-store): this is the hot path of every points
 * operation and of checkout commits.
 */
export class MemberLedger {
  private readonly events: NewOutboxEvent[] = [];
  private startsScenarios = true;
  private readonly lastStatements: SqlStatement[] = [];
  /** Every lot read or made in this transaction, by id: the one copy that postings change. */
  private readonly lots = new Map<number, LotRow>();
  /** Per account: its temporaries past `now`, read with its lots when the account is first used. */
  private readonly dueTemporaries = new Map<number, TransactionRow[]>();
  private readonly changedLots = new Set<LotRow>();
  /** Lots made by this transaction: points active from the start are not an activation to announce. */
  private readonly newLots = new Set<number>();

  private constructor(
    readonly em: EntityManager,
    readonly program: LoyaltyProgram,
    readonly member: MemberRef,
    readonly now: Date,
    private readonly accounts: Map<number, AccountRow>,
    private readonly currencies: Map<number, PointsCurrency>,
  ) {}

  static async open(
    em: EntityManager,
    program: LoyaltyProgram,
    member: MemberRef,
    currencies: PointsCurrency[],
    now: Date,
  ): Promise<MemberLedger> {
    const sorted = [...new Map(currencies.map((currency) => [currency.id, currency])).values()].sort(
      (a, b) => a.id - b.id,
    );
    const accounts = await lockAccounts(
      em,
      member.account,
      member.id,
      sorted.map((currency) => currency.id),
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

  account(currency: PointsCurrency): AccountRow {
    const account = this.accounts.get(currency.id);
    if (!account) throw new DomainError('INTERNAL', `points account of currency ${currency.id} is not open`);
    return account;
  }

  /** The exact balance now (the cache is settled up to `now`). */
  balance(currency: PointsCurrency): Balance {
    return netBalance(this.account(currency));
  }

  /** Freezes the account: no operation may use it any more. */
  freeze(currency: PointsCurrency): void {
    this.account(currency).frozen = true;
  }

  // ── Accruals ────────────────────────────────────────────────────────────────────────────────

  /** Posts an accrual: a lot (active or pending) or, with a deadline, a temporary accrual. */
  async accrue(posting: AccrualPosting): Promise<TransactionRow> {
    const account = this.account(posting.currency);
    const temporary = posting.tempDeadline != null;
    const fields = {
      type: posting.type ?? 'accrual',
      status: temporary ? 'temporary' : 'posted',
      amount: posting.amount,
      activationAt: posting.activationAt,
      expirationAt: posting.expiresAt,
      tempDeadline: posting.tempDeadline ?? null,
    } as const;
    let transaction: TransactionRow;
    if (temporary) {
      transaction = await this.newTransaction(account, posting, fields);
      account.pending += posting.amount;
    } else {
      const made = await insertTransactionWithLot(this.em, this.transactionRow(account, posting, fields), {
        amount: posting.amount,
        activationAt: posting.activationAt,
        expiresAt: posting.expiresAt,
      });
      transaction = made.transaction;
      account.pending += posting.amount;
      this.lots.set(made.lot.id, made.lot);
      this.newLots.add(made.lot.id);
    }
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
  async redeem(posting: RedemptionPosting): Promise<TransactionRow> {
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
    const plan = planRedemption(await this.openLots(account), posting.amount, this.now);
    const temporary = posting.tempDeadline != null;
    const transaction = await this.newTransaction(account, posting, {
      type: posting.type ?? 'redemption',
      status: temporary ? 'temporary' : 'posted',
      amount: -posting.amount,
      tempDeadline: posting.tempDeadline ?? null,
    });
    const taken = await this.drain(account, transaction, plan.allocations);
    account.debt += posting.amount - taken;
    if (temporary) account.held += taken;
    this.queue(temporary ? null : 'points.redeemed', posting.currency, transaction);
    return transaction;
  }

  // ── Temporary transactions ──────────────────────────────────────────────────────────────────

  /** `commit_transaction`: the accrual gets its lot, the hold stays drained. */
  async commit(transaction: TransactionRow): Promise<void> {
    const { account, currency } = this.ownerOf(transaction);
    this.requireTemporary(transaction);
    await changeStatus(this.em, account.tenant, transaction, 'posted', 'commit', this.now);
    if (transaction.type === 'redemption') {
      account.held += transaction.amount; // the amount is negative
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
  }

  /**
   * `rollback_transaction`, `cancel_transaction` of a temporary one, or its deadline: the hold goes
   * back to its lots (or the pending accrual vanishes) and the promotion's use is given back.
   */
  async release(transaction: TransactionRow, reason: 'rollback' | 'cancel' | 'timeout'): Promise<void> {
    const { account, currency } = this.ownerOf(transaction);
    this.requireTemporary(transaction);
    await changeStatus(
      this.em,
      account.tenant,
      transaction,
      reason === 'cancel' ? 'cancelled' : 'rolled_back',
      reason,
      this.now,
    );
    if (transaction.type === 'redemption') {
      account.held += transaction.amount;
      const open = await this.openAllocations(transaction);
      await this.giveBack(account, currency, planPartialGiveBack(open, bigintSum(open.map((part) => part.open))));
    } else {
      account.pending -= transaction.amount;
    }
    if (transaction.promotion != null) {
      const promotion = await promotionLimitsOf(this.em, transaction.promotion);
      const budgetAmount = transaction.type === 'redemption' ? 0n : transaction.amount;
      await releaseLimits(this.em, {
        promotion,
        member: this.member,
        program: this.program,
        at: transaction.recordedAt,
        budgetAmount,
      });
    }
  }

  // ── Cancellation and reversal of posted transactions ───────────────────────────────────────

  /**
   * `cancel_transaction` of a posted one: a reversing `cancellation` of everything not reversed
   * yet (`reversePosted(original, 'rest')`).
   */
  async cancelPosted(original: TransactionRow, details: PostingDetails = {}): Promise<TransactionRow> {
    const outcome = await this.reversePosted(original, 'rest', details);
    if (!outcome.cancellation) {
      throw new DomainError('TRANSACTION_STATE', `Transaction ${original.id} has nothing left to cancel`);
    }
    return outcome.cancellation;
  }

  /**
   * Reverses `amount` of a posted transaction (or the rest of it) with one `cancellation` whose
   * `relatedTransaction` is the original: the one path of `cancel_transaction` and of order
   * returns and cancellations (rules.md §2.1, §2.6, §5).
   *
   * - A redemption (or a negative adjustment) gives the points back to the lots it drained, the
   *   most recently spent first (its allocations in reverse order, `planPartialGiveBack`); a part
   *   whose lot has expired meanwhile goes back only to expire at once (an `expiration` follows).
   *   What it took beyond its allocations (debt of an adjustment) pays the member's debt back.
   * - An accrual (or initial balance, or positive adjustment) is taken back from its own lot first,
   *   pending or active, then from other active lots in spending order; what is missing becomes
   *   debt (`allow_negative`) or is recorded as an uncollected `adjustment` of 0.
   *
   * The original stays `posted` while only part of it is reversed; the reversal that completes
   * it (or any `'rest'`) moves it to `cancelled`, with the change logged. How much was reversed
   * before is read from the ledger itself (its cancellations and uncollected adjustments), so
   * the callers keep no count; reversing more than is left is an internal error.
   */
  async reversePosted(
    original: TransactionRow,
    amount: bigint | 'rest',
    details: PostingDetails = {},
  ): Promise<ReversalOutcome> {
    const { account, currency } = this.ownerOf(original);
    if (original.status !== 'posted' || !REVERSIBLE.includes(original.type)) {
      throw new DomainError(
        'TRANSACTION_STATE',
        `A ${original.status} ${original.type} transaction cannot be cancelled`,
      );
    }
    const total = original.amount < 0n ? -original.amount : original.amount;
    const before = await reversedSoFar(this.em, original);
    const left = total - before;
    const asked = amount === 'rest' ? (left > 0n ? left : 0n) : amount;
    if (asked < 0n || asked > left) {
      throw new DomainError('INTERNAL', `cannot reverse ${asked} of transaction ${original.id}: ${left} left`);
    }
    const outcome =
      asked === 0n
        ? { cancellation: null, reversed: 0n, expiredAtOnce: 0n, debt: 0n, uncollected: 0n }
        : original.amount < 0n
          ? await this.reverseTaking(account, currency, original, asked, details)
          : await this.reverseGiving(account, currency, original, asked, details);
    const complete = amount === 'rest' || asked === left;
    if (complete) await changeStatus(this.em, account.tenant, original, 'cancelled', 'cancel', this.now);
    if (outcome.cancellation) this.queue('points.cancelled', currency, outcome.cancellation);
    return { ...outcome, complete };
  }

  /** A redemption's (or negative adjustment's) `amount` given back: see `reversePosted`. */
  private async reverseTaking(
    account: AccountRow,
    currency: PointsCurrency,
    original: TransactionRow,
    amount: bigint,
    details: PostingDetails,
  ): Promise<Omit<ReversalOutcome, 'complete'>> {
    const open = await this.openAllocations(original);
    const fromLots = bigintMin(amount, bigintSum(open.map((allocation) => allocation.open)));
    const parts = planPartialGiveBack(open, fromLots);
    const debtRepaid = bigintMin(amount - fromLots, account.debt);
    const cancellation = await this.newTransaction(account, details, {
      type: 'cancellation',
      status: 'posted',
      amount: fromLots + debtRepaid,
      relatedTransaction: original.id,
    });
    account.debt -= debtRepaid;
    const { expiredAtOnce } = await this.giveBack(account, currency, parts);
    return { cancellation, reversed: fromLots + debtRepaid, expiredAtOnce, debt: 0n, uncollected: 0n };
  }

  /** An accrual's (or positive adjustment's, or initial balance's) `amount` taken back: see `reversePosted`. */
  private async reverseGiving(
    account: AccountRow,
    currency: PointsCurrency,
    original: TransactionRow,
    amount: bigint,
    details: PostingDetails,
  ): Promise<Omit<ReversalOutcome, 'complete'>> {
    const lot = await this.lotOf(original);
    const others = (await this.openLots(account)).filter((other) => other.id !== lot.id);
    const plan = planReversal(lot, others, amount, this.now, currency.allowNegative);
    const taken = plan.fromReversedLot + bigintSum(plan.fromOtherLots.map((part) => part.amount));
    const cancellation = await this.newTransaction(account, details, {
      type: 'cancellation',
      status: 'posted',
      amount: -(taken + plan.debt),
      relatedTransaction: original.id,
    });
    const fromLot = plan.fromReversedLot > 0n ? [{ lotId: lot.id, amount: plan.fromReversedLot }] : [];
    await this.drain(account, cancellation, [...fromLot, ...plan.fromOtherLots]);
    account.debt += plan.debt;
    if (plan.uncollected > 0n) {
      await this.newTransaction(
        account,
        { ...details, transactionEid: null, description: 'Uncollected: the cancelled points had been spent' },
        {
          type: 'adjustment',
          status: 'posted',
          amount: 0n,
          relatedTransaction: original.id,
          externalData: { uncollected: Points.format(plan.uncollected) },
        },
      );
    }
    return { cancellation, reversed: amount, expiredAtOnce: 0n, debt: plan.debt, uncollected: plan.uncollected };
  }

  // ── Early activation ────────────────────────────────────────────────────────────────────────

  /**
   * Activates a posted accrual's lot now instead of at its `activation_at` (an order paid or
   * delivered when the program's `activate_on` says so, rules.md §5): the lot's `activation_at`
   * becomes now and its remaining moves from pending to active, paying debt first, exactly as a
   * due activation in `settle`. Its expiry stays. Returns the points activated (0 when the lot is
   * already active or expired).
   */
  async activateEarly(accrual: TransactionRow): Promise<bigint> {
    const { account } = this.ownerOf(accrual);
    if (accrual.status !== 'posted' || accrual.amount <= 0n) return 0n;
    const lot = await this.lotOf(accrual);
    if (lot.activated || lot.expired || isExpiredAt(lot, this.now)) return 0n;
    const activated = lot.remaining;
    lot.activationAt = this.now;
    this.activate(account, lot);
    return activated;
  }

  // ── Membership end ──────────────────────────────────────────────────────────────────────────

  /**
   * `delete_member`: holds are released, then every remaining point (active and pending) and any
   * debt is written off with one `adjustment`.
   */
  async writeOff(currency: PointsCurrency): Promise<TransactionRow | null> {
    const account = this.account(currency);
    for (const temporary of await loadTemporaries(this.em, account.id)) await this.release(temporary, 'rollback');
    const total = netBalance(account).total;
    if (total === 0n && account.debt === 0n) return null;
    const writeOff = await this.newTransaction(
      account,
      { description: 'Membership deleted: points written off' },
      {
        type: 'adjustment',
        status: 'posted',
        amount: -total,
      },
    );
    const lots = (await this.openLots(account)).filter((lot) => lot.remaining > 0n);
    await this.drain(
      account,
      writeOff,
      lots.map((lot) => ({ lotId: lot.id, amount: lot.remaining })),
    );
    account.debt = 0n;
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
    // `now` is fixed for the transaction: its temporaries time out at the first settlement or never.
    const temporaries = this.dueTemporaries.get(account.id) ?? [];
    this.dueTemporaries.set(account.id, []);
    const allocations = await loadAllocations(
      this.em,
      temporaries.filter((transaction) => transaction.type === 'redemption').map((transaction) => transaction.id),
    );
    const heldLots = await this.lotsById(allocations.map((allocation) => allocation.lot));
    const plan = planSettlement(
      [...new Set([...lots, ...heldLots])],
      temporaries.map((transaction) => asTemporary(transaction, allocations)),
      this.now,
    );
    for (const lotId of plan.activate) this.activate(account, this.lot(lotId));
    for (const timeout of plan.timeouts) {
      await this.release(
        temporaries.find((candidate) => candidate.id === timeout.transactionId) as TransactionRow,
        'timeout',
      );
    }
    for (const expiry of plan.expire) await this.expireLot(account, currency, this.lot(expiry.lotId));
  }

  /** The events this ledger writes start no scenario runs (an order committed with `skip_triggers`). */
  withoutScenarioTriggers(): void {
    this.startsScenarios = false;
  }

  /**
   * Writes the changed lots and accounts, records tiers reached through the qualification
   * accounts touched, writes the queued outbox events, then runs the last steps; call once, as the
   * last thing before the transaction ends.
   */
  async finish(): Promise<void> {
    for (const currency of this.currencies.values()) {
      if (currency.type === 'qualification') {
        this.events.push(...(await recordTierChanges(this.em, this.program, this.member, currency.id, this.now)));
      }
    }
    for (const account of this.accounts.values()) account.version += 1;
    const outbox = outboxInsert(
      this.events.splice(0).map((event) => (this.startsScenarios ? event : { ...event, startsScenarios: false })),
    );
    await runTogether(this.em, [
      ...saveLots([...this.changedLots]),
      ...[...this.accounts.values()].map(saveAccount),
      ...(outbox ? [outbox] : []),
      ...this.lastStatements.splice(0),
    ]);
    this.changedLots.clear();
  }

  /** A statement for the very end, run with the others (contended counters: their row locks are held briefly). */
  atTheEnd(statement: SqlStatement): void {
    this.lastStatements.push(statement);
  }

  // ── Internals ───────────────────────────────────────────────────────────────────────────────

  private async createLot(
    account: AccountRow,
    transaction: TransactionRow,
    amount: bigint,
    activationAt: Date,
    expiresAt: Date | null,
  ): Promise<void> {
    const lot = await insertLot(this.em, account.tenant, {
      pointsAccount: account.id,
      transaction: transaction.id,
      amount,
      remaining: amount,
      activationAt,
      expiresAt,
      activated: false,
      expired: false,
    });
    account.pending += amount;
    this.lots.set(lot.id, lot);
    this.newLots.add(lot.id);
  }

  /**
   * Pending → active (points owed are paid from the lot first), with a `points.activated` event
   * unless the lot was made active in this same transaction.
   */
  private activate(account: AccountRow, lot: LotRow): void {
    const activated = activateLot(account, lot);
    this.changedLots.add(lot);
    if (activated.amount > 0n && !this.newLots.has(lot.id)) {
      this.events.push(activationEvent(this.eventOwner(account), lot, activated));
    }
  }

  /** The lot's remaining expires: an `expiration` dated at the lot's expiry instant. */
  private async expireLot(account: AccountRow, currency: PointsCurrency, lot: LotRow): Promise<void> {
    if (lot.expired) return;
    const amount = expireLot(account, lot);
    this.changedLots.add(lot);
    if (amount > 0n) await this.postExpiration(account, currency, lot, amount, lot.expiresAt ?? this.now);
  }

  private async postExpiration(
    account: AccountRow,
    currency: PointsCurrency,
    lot: LotRow,
    amount: bigint,
    at: Date,
  ): Promise<void> {
    const owner = {
      tenant: account.tenant,
      program: this.program.id,
      member: this.member.id,
      pointsAccount: account.id,
    };
    const row = expirationRow(owner, netBalance(account).total, lot, amount, at, this.now);
    this.queue('points.expired', currency, await insertTransaction(this.em, row));
  }

  /** Takes the allocated parts out of their lots (and out of the balance), recording the allocations. */
  private async drain(
    account: AccountRow,
    transaction: TransactionRow,
    parts: readonly LotAllocation[],
  ): Promise<bigint> {
    let taken = 0n;
    for (const part of parts) {
      const lot = this.lot(part.lotId);
      lot.remaining -= part.amount;
      if (lot.activated) account.active -= part.amount;
      else account.pending -= part.amount;
      this.changedLots.add(lot);
      taken += part.amount;
    }
    await insertAllocations(
      this.em,
      account.tenant,
      transaction.id,
      parts.map((part) => ({ lot: part.lotId, amount: part.amount })),
    );
    return taken;
  }

  /** What a redemption (or hold) took and has not given back yet, per allocation in allocation order. */
  private async openAllocations(taken: TransactionRow): Promise<OpenAllocation[]> {
    return (await loadAllocations(this.em, [taken.id]))
      .map((allocation) => ({
        allocationId: allocation.id,
        lotId: allocation.lot,
        open: allocation.amount - allocation.returned,
      }))
      .filter((allocation) => allocation.open > 0n);
  }

  /**
   * Gives parts of a redemption's (or hold's) allocations back to their lots and records them as
   * returned; parts of expired lots expire at once. Returns the part that expired at once.
   */
  private async giveBack(
    account: AccountRow,
    currency: PointsCurrency,
    parts: readonly { allocationId: number; lotId: number; amount: bigint }[],
  ): Promise<{ expiredAtOnce: bigint }> {
    const plan = planReturn(
      parts.map((part) => ({ lotId: part.lotId, amount: part.amount })),
      await this.lotsById(parts.map((part) => part.lotId)),
      this.now,
    );
    await markAllocationsReturned(this.em, parts);
    for (const part of plan.restore) {
      const lot = this.lot(part.lotId);
      lot.remaining += part.amount;
      account.active += part.amount;
      this.changedLots.add(lot);
    }
    for (const part of plan.expireAtOnce) {
      const lot = this.lot(part.lotId);
      await this.expireLot(account, currency, lot);
      await this.postExpiration(account, currency, lot, part.amount, this.now);
    }
    return { expiredAtOnce: bigintSum(plan.expireAtOnce.map((part) => part.amount)) };
  }

  private async newTransaction(
    account: AccountRow,
    details: PostingDetails,
    fields: TransactionFields,
  ): Promise<TransactionRow> {
    return insertTransaction(this.em, this.transactionRow(account, details, fields));
  }

  private transactionRow(account: AccountRow, details: PostingDetails, fields: TransactionFields): NewTransaction {
    const before = netBalance(account).total;
    return {
      tenant: account.tenant,
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
    };
  }

  private requireTemporary(transaction: TransactionRow): void {
    if (transaction.status !== 'temporary') {
      throw new DomainError('TRANSACTION_STATE', `The transaction is ${transaction.status}, not temporary`);
    }
  }

  private ownerOf(transaction: TransactionRow): { account: AccountRow; currency: PointsCurrency } {
    for (const [currencyId, account] of this.accounts) {
      if (account.id === transaction.pointsAccount)
        return { account, currency: this.currencies.get(currencyId) as PointsCurrency };
    }
    throw new DomainError('INTERNAL', `the account of transaction ${transaction.id} is not open`);
  }

  private lot(id: number): LotRow {
    const lot = this.lots.get(id);
    if (!lot) throw new DomainError('INTERNAL', `lot ${id} is not loaded`);
    return lot;
  }

  /** The account's open lots: read once per transaction (with its due temporaries), then kept in memory. */
  private async openLots(account: AccountRow): Promise<LotRow[]> {
    if (!this.dueTemporaries.has(account.id)) {
      const state = await loadAccountState(this.em, account.id, this.now);
      for (const lot of state.lots) if (!this.lots.has(lot.id)) this.lots.set(lot.id, lot);
      this.dueTemporaries.set(account.id, state.temporaries);
    }
    return [...this.lots.values()].filter(
      (lot) =>
        lot.pointsAccount === account.id &&
        !lot.expired &&
        (lot.remaining > 0n || !lot.activated || lot.expiresAt !== null),
    );
  }

  /** Lots by id, read once: the copy in memory (possibly changed) wins over the database's. */
  private async lotsById(ids: number[]): Promise<LotRow[]> {
    const missing = [...new Set(ids)].filter((id) => !this.lots.has(id));
    for (const lot of await loadLots(this.em, missing)) this.lots.set(lot.id, lot);
    return [...new Set(ids)].map((id) => this.lot(id));
  }

  private async lotOf(transaction: TransactionRow): Promise<LotRow> {
    const found = await lotOfTransaction(this.em, transaction.id);
    if (!found) throw new DomainError('INTERNAL', `transaction ${transaction.id} has no lot`);
    return (await this.lotsById([found.id]))[0];
  }

  private queue(eventType: string | null, currency: PointsCurrency, transaction: TransactionRow): void {
    if (eventType) this.events.push(transactionEvent(eventType, this.eventOwner(this.account(currency)), transaction));
  }

  private eventOwner(account: AccountRow): PointsEventOwner {
    const currency = this.currencies.get(account.currency) as PointsCurrency;
    return {
      tenant: this.member.account,
      programId: this.program.id,
      profileId: this.member.profile,
      currencyEid: currency.externalId,
    };
  }
}

/** A temporary transaction as the engine sees it. */
export function asTemporary(transaction: TransactionRow, allocations: readonly AllocationRow[]): TemporaryTransaction {
  const redemption = transaction.type === 'redemption';
  return {
    transactionId: transaction.id,
    kind: redemption ? 'redemption' : 'accrual',
    amount: redemption ? -transaction.amount : transaction.amount,
    deadline: transaction.tempDeadline as Date,
    allocations: redemption
      ? allocations
          .filter((allocation) => allocation.transaction === transaction.id)
          .map((allocation) => ({ lotId: allocation.lot, amount: allocation.amount }))
      : undefined,
  };
}
