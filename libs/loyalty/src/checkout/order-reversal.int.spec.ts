import { EntityManager } from '@mikro-orm/postgresql';
import { isDomainError } from '@loyalty/kernel';
import type { PointsCurrency } from '../entities/points-currency.entity';
import { findTransactionById, TransactionRow } from '../ledger/ledger-store';
import { MemberLedger } from '../ledger/member-ledger';
import { requireMember } from '../repositories/member-lookup';
import { createLoyaltyWorld, LoyaltyWorld } from '../test-support/loyalty-fixture';
import { RegisterMember } from '../use-cases/members/register-member.use-case';
import { AccruePoints } from '../use-cases/points/accrue-points.use-case';
import { CancelTransaction } from '../use-cases/points/cancel-transaction.use-case';
import { RedeemPoints } from '../use-cases/points/redeem-points.use-case';
import { activateOrderPoints } from './order-activation';
import { reverseOrderPostings } from './order-reversal';

const DAY = 86_400_000;

/** Partial reversals of posted transactions (`MemberLedger.reversePosted`) and early activation, on the real ledger. */
describe('partial reversal and early activation in the ledger (real PostgreSQL)', () => {
  let world: LoyaltyWorld;
  let bonus: PointsCurrency;
  const who = { matching: 'email' as const, email: 'reversal@example.com' };
  const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString();

  beforeAll(async () => {
    world = await createLoyaltyWorld('order-reversal');
    bonus = await world.currency({ externalId: 'bonus' });
    await world.triggerPromotion({ externalId: 'manual', accrual: [{}], redeem: [{}] });
    await world.as(() => world.ctx.get(RegisterMember).execute({ programId: world.program.id, person: who }));
  });

  afterEach(() => world.expectSoundLedger());
  afterAll(() => world.close());

  const accrue = (amount: string, extra: { activationDate?: string; expirationDate?: string } = {}) =>
    world.as(() =>
      world.ctx.get(AccruePoints).execute({
        programId: world.program.id,
        person: who,
        promotion: 'manual',
        points_currency_eid: 'bonus',
        amount,
        ...extra,
        fingerprint: `accrue-${amount}-${Math.random()}`,
      }),
    );
  const redeem = (amount: string) =>
    world.as(() =>
      world.ctx.get(RedeemPoints).execute({
        programId: world.program.id,
        person: who,
        promotion: 'manual',
        points_currency_eid: 'bonus',
        amount,
        fingerprint: `redeem-${amount}-${Math.random()}`,
      }),
    );
  /** Runs `work` in the member's open ledger, in one transaction, and finishes it. */
  const inLedger = <T>(
    work: (ledger: MemberLedger, transaction: (id: number) => Promise<TransactionRow>) => Promise<T>,
  ) =>
    world.as(() =>
      world.ctx
        .get(EntityManager)
        .fork()
        .transactional(async (em) => {
          const { member } = await requireMember(em, world.program, who);
          const ledger = await MemberLedger.open(em, world.program, member, [bonus], new Date());
          const answer = await work(
            ledger,
            async (id) => (await findTransactionById(em, world.program.id, id)) as TransactionRow,
          );
          await ledger.finish();
          return answer;
        }),
    );
  const balance = () => inLedger(async (ledger) => ledger.balance(bonus));
  const statusOf = async (id: number) => (await inLedger((_, transaction) => transaction(id))).status;
  const rows = (sql: string, params: unknown[]) => world.ctx.em().execute(sql, params);

  it('gives a redemption back part by part, the most recently spent lot first, and cancels it when all is back', async () => {
    await accrue('300.00', { activationDate: iso(-1), expirationDate: iso(10) }); // L1: spent first
    await accrue('500.00', { activationDate: iso(-1), expirationDate: iso(400) }); // L2
    const redemption = await redeem('600.00');
    expect(await balance()).toMatchObject({ active: 20000n });

    const first = await inLedger(async (ledger, transaction) =>
      ledger.reversePosted(await transaction(redemption.transaction_id), 10000n, { sourceType: 'order' }),
    );
    expect(first).toMatchObject({ reversed: 10000n, expiredAtOnce: 0n, complete: false });
    expect(await statusOf(redemption.transaction_id)).toBe('posted');
    const allocations = await rows(
      'select amount, returned from redemption_allocations where transaction_id = ? order by id',
      [redemption.transaction_id],
    );
    expect(allocations.map((row: Record<string, string>) => [row['amount'], row['returned']])).toEqual([
      ['30000', '0'],
      ['30000', '10000'],
    ]);

    const rest = await inLedger(async (ledger, transaction) =>
      ledger.reversePosted(await transaction(redemption.transaction_id), 'rest'),
    );
    expect(rest).toMatchObject({ reversed: 50000n, complete: true });
    expect(await statusOf(redemption.transaction_id)).toBe('cancelled');
    expect(await balance()).toMatchObject({ active: 80000n });
    const changes = await rows(
      'select from_status, to_status from transaction_status_changes where transaction_id = ?',
      [redemption.transaction_id],
    );
    expect(changes).toEqual([{ from_status: 'posted', to_status: 'cancelled' }]);
    const cancellations = await rows(
      "select amount from points_transactions where related_transaction = ? and type = 'cancellation' order by id",
      [redemption.transaction_id],
    );
    expect(cancellations.map((row: Record<string, string>) => row['amount'])).toEqual(['10000', '50000']);
  });

  it('cancels part of an accrual from its lot; cancel_transaction then reverses only the rest', async () => {
    const before = (await balance()).active;
    const accrual = await accrue('50.00', { activationDate: iso(-1) });
    const part = await inLedger(async (ledger, transaction) =>
      ledger.reversePosted(await transaction(accrual.transaction_id), 2000n),
    );
    expect(part).toMatchObject({ reversed: 2000n, debt: 0n, uncollected: 0n, complete: false });
    expect((await balance()).active).toBe(before + 3000n);
    const [lot] = await rows('select remaining from points_lots where transaction_id = ?', [accrual.transaction_id]);
    expect(lot['remaining']).toBe('3000');
    await world.as(() =>
      world.ctx.get(CancelTransaction).execute({ programId: world.program.id, transactionId: accrual.transaction_id }),
    );
    expect((await balance()).active).toBe(before);
    expect(await statusOf(accrual.transaction_id)).toBe('cancelled');
  });

  it('refuses to reverse more than is left (an internal error) and changes nothing', async () => {
    const accrual = await accrue('10.00', { activationDate: iso(-1) });
    const error = await inLedger(async (ledger, transaction) =>
      ledger.reversePosted(await transaction(accrual.transaction_id), 1001n),
    ).catch((caught: unknown) => caught);
    expect(isDomainError(error) && error.code).toBe('INTERNAL');
    expect(await statusOf(accrual.transaction_id)).toBe('posted');
  });

  it('reverseOrderPostings skips transactions no longer posted and reports what it reversed', async () => {
    const redemption = await redeem('5.00');
    const accrual = await accrue('7.00', { activationDate: iso(-1) });
    await world.as(() =>
      world.ctx
        .get(CancelTransaction)
        .execute({ programId: world.program.id, transactionId: redemption.transaction_id }),
    );
    const result = await inLedger((ledger) =>
      reverseOrderPostings(ledger, {
        transactions: [
          { transactionId: redemption.transaction_id, type: 'redemption', currencyEid: 'bonus' },
          { transactionId: accrual.transaction_id, type: 'accrual', currencyEid: 'bonus' },
        ],
        pointsReturned: 500n,
        pointsCancelled: [{ points_currency_eid: 'bonus', amount: 300n }],
        rest: false,
        details: { sourceType: 'order', sourceIid: '1' },
      }),
    );
    expect(result).toMatchObject({
      pointsReturned: 0n,
      pointsCancelled: [{ points_currency_eid: 'bonus', amount: 300n }],
    });
    expect(result.parts).toEqual([
      expect.objectContaining({ relatedTransactionId: accrual.transaction_id, complete: false }),
    ]);
  });

  it('activates an accrual early: the lot is active from now, pending drops, a second call does nothing', async () => {
    const before = await balance();
    const accrual = await accrue('40.00', { activationDate: iso(14) });
    expect((await balance()).pending).toBe(before.pending + 4000n);
    const posted = [{ transactionId: accrual.transaction_id, type: 'accrual' as const, currencyEid: 'bonus' }];
    expect(await inLedger((ledger) => activateOrderPoints(ledger, posted))).toEqual([
      { points_currency_eid: 'bonus', amount: 4000n },
    ]);
    expect(await balance()).toMatchObject({ active: before.active + 4000n, pending: before.pending });
    const [lot] = await rows('select activated, activation_at from points_lots where transaction_id = ?', [
      accrual.transaction_id,
    ]);
    expect(lot['activated']).toBe(true);
    expect(new Date(lot['activation_at']).getTime()).toBeLessThanOrEqual(Date.now());
    expect(await inLedger((ledger) => activateOrderPoints(ledger, posted))).toEqual([]);
  });
});
