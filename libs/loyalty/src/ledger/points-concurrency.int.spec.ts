import { findLedgerViolations } from '@loyalty/testing';
import { EntityManager } from '@mikro-orm/postgresql';
import { PointsAccount } from '../entities/points-account.entity';
import { PointsTransaction } from '../entities/points-transaction.entity';
import { Promotion } from '../entities/promotion.entity';
import { createLoyaltyWorld, LoyaltyWorld } from '../test-support/loyalty-fixture';
import { GetBalance } from '../use-cases/account/get-balance.use-case';
import { RegisterMember } from '../use-cases/members/register-member.use-case';
import { AccruePoints } from '../use-cases/points/accrue-points.use-case';
import { RedeemPoints } from '../use-cases/points/redeem-points.use-case';

/** No overdraft, exact limits and one effect per transaction_eid under concurrency (spec/quality.md §2, E6). */
describe('points operations under concurrency (real PostgreSQL)', () => {
  let world: LoyaltyWorld;
  let person = 0;

  beforeAll(async () => {
    world = await createLoyaltyWorld('concurrency', 'UTC', { DB_POOL_MAX: '20' });
    await world.currency({ externalId: 'bonus' });
    await world.triggerPromotion({ externalId: 'manual', accrual: [{}], redeem: [{}] });
    await world.triggerPromotion({ externalId: 'once', accrual: [{ static_amount: '10.00' }], perMember: 1 });
    await world.triggerPromotion({ externalId: 'fifty', accrual: [{ static_amount: '1.00' }], totalUses: 50 });
    await world.triggerPromotion({ externalId: 'budget', accrual: [{}], budget: '100.00' });
  });

  afterEach(() => world.expectSoundLedger());
  afterAll(() => world.close());

  const newMember = async () => {
    const email = `member${(person += 1)}@example.com`;
    await world.as(() =>
      world.ctx.get(RegisterMember).execute({ programId: world.program.id, person: { matching: 'email', email } }),
    );
    return { matching: 'email' as const, email };
  };
  const operate = (
    useCase: typeof AccruePoints | typeof RedeemPoints,
    who: object,
    promotion: string,
    amount?: string,
    extra: object = {},
  ) =>
    world
      .as(() =>
        world.ctx.get<AccruePoints | RedeemPoints>(useCase).execute({
          programId: world.program.id,
          person: who,
          promotion,
          points_currency_eid: 'bonus',
          amount,
          fingerprint: `${useCase.name}-${promotion}-${amount}-${JSON.stringify(extra)}`,
          ...extra,
        }),
      )
      .then(
        (answer) => ({ ok: true as const, answer }),
        (error: { code?: string }) => ({ ok: false as const, code: error.code ?? String(error) }),
      );
  const activeOf = async (who: object) => {
    const answer = await world.as(() =>
      world.ctx.get(GetBalance).execute({ programId: world.program.id, person: who, points_currency_eid: 'bonus' }),
    );
    return 'items' in answer ? undefined : answer.active_balance;
  };

  it('E6: 64 clients × 20 redemptions of 7.00 against 1,000.00 → exactly 142 accepted, 6.00 left', async () => {
    const who = await newMember();
    await operate(AccruePoints, who, 'manual', '1000.00');
    const outcomes = await Promise.all(
      Array.from({ length: 64 }, async () => {
        const results = [];
        for (let call = 0; call < 20; call += 1) results.push(await operate(RedeemPoints, who, 'manual', '7.00'));
        return results;
      }),
    ).then((perClient) => perClient.flat());
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(142);
    expect(outcomes.filter((outcome) => !outcome.ok).map((outcome) => (outcome.ok ? '' : outcome.code))).toEqual(
      Array.from({ length: 1_138 }, () => 'INSUFFICIENT_POINTS'),
    );
    expect(await activeOf(who)).toBe('6.00');
  }, 120_000);

  it('E6 with temporary redemptions: holds never overdraw either', async () => {
    const who = await newMember();
    await operate(AccruePoints, who, 'manual', '1000.00');
    const outcomes = await Promise.all(
      Array.from({ length: 300 }, () =>
        operate(RedeemPoints, who, 'manual', '7.00', { isTemp: true, tempTimeoutSec: 3600 }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(142);
    expect(await activeOf(who)).toBe('6.00');
  }, 120_000);

  it('per_member: 1 hit by 20 parallel accruals → exactly one succeeds', async () => {
    const who = await newMember();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        operate(AccruePoints, who, 'once', undefined, { transactionEid: `once-${index}` }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(new Set(outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome.code])))).toEqual(
      new Set(['LIMIT_REACHED']),
    );
    expect(await activeOf(who)).toBe('10.00');
  });

  it('total_uses: 50 hit by 200 parallel accruals of distinct members → exactly 50', async () => {
    const members = await Promise.all(Array.from({ length: 40 }, () => newMember()));
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, index) => operate(AccruePoints, members[index % 40], 'fifty')),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(50);
    const promotion = await world.ctx.em().findOneOrFail(Promotion, { externalId: 'fifty' }, { filters: false });
    expect(promotion.usesCount).toBe(50);
  }, 60_000);

  it('a budget is never exceeded: the last accrual is cut to what is left, then error 11', async () => {
    const who = await newMember();
    const outcomes = await Promise.all(Array.from({ length: 15 }, () => operate(AccruePoints, who, 'budget', '7.00')));
    const granted = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.answer.amount] : []));
    expect(granted.filter((amount) => amount === '7.00')).toHaveLength(14);
    expect(granted.filter((amount) => amount === '2.00')).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok)).toHaveLength(0);
    expect((await operate(AccruePoints, who, 'budget', '1.00')).ok).toBe(false);
    expect(await activeOf(who)).toBe('100.00');
  });

  it('the same transaction_eid 10 times in a row and 32 times at once → one transaction, identical answers', async () => {
    const who = await newMember();
    const once = () => operate(AccruePoints, who, 'manual', '5.00', { transactionEid: 'same-eid' });
    const sequential = [];
    for (let call = 0; call < 10; call += 1) sequential.push(await once());
    const concurrent = await Promise.all(Array.from({ length: 32 }, once));
    const answers = [...sequential, ...concurrent].map((outcome) => JSON.stringify(outcome));
    expect(new Set(answers).size).toBe(1);
    expect(await world.ctx.em().count(PointsTransaction, { transactionEid: 'same-eid' }, { filters: false })).toBe(1);
    expect(await activeOf(who)).toBe('5.00');
    const differentBody = await operate(AccruePoints, who, 'manual', '6.00', { transactionEid: 'same-eid' });
    expect(differentBody).toEqual({ ok: false, code: 'IDEMPOTENCY_MISMATCH' });
  });

  it('the invariant check finds a corrupted cache', async () => {
    const em = world.ctx.get(EntityManager).fork();
    const account = await em.findOneOrFail(PointsAccount, { active: { $gt: 0n } }, { filters: false });
    await em.nativeUpdate(PointsAccount, { id: account.id }, { active: account.active + 1n }, { filters: false });
    const violations = await findLedgerViolations((sql) => em.execute(sql));
    expect(violations.map((violation) => violation.rule)).toEqual(['cache equals lots', 'balance equals transactions']);
    await em.nativeUpdate(PointsAccount, { id: account.id }, { active: account.active }, { filters: false });
  });
});
