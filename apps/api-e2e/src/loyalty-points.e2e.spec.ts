import { E2eStack, startE2eStack } from '@loyalty/testing';
import {
  createAccount,
  createDatabase,
  Envelope,
  expectFailure,
  expectSuccess,
  TestAccount,
} from './support/e2e-helpers';

type Operation = {
  transaction_id: number;
  transaction_eid: string;
  amount: string;
  balance: { active_balance: string; total_balance: string };
};
type Balance = {
  points_currency_eid: string;
  total_balance: string;
  active_balance: string;
  pending_balance: string;
  held_balance: string;
};

/**
 * The points API of spec/api.md §7 over HTTP: members, accrual and redemption through trigger
 * promotions, temporary transactions, reads, and every error code these methods produce.
 */
describe('loyalty points API', () => {
  let stack: E2eStack;
  let account: TestAccount;
  let programId: number;
  let person = 0;

  const call = <T>(method: string, body: object, token = account.integration) =>
    stack.call<Envelope<T>>(method, body, token);
  const ok = async <T>(method: string, body: object, token = account.integration): Promise<T> =>
    expectSuccess(await call<T>(method, body, token));
  const setup = (method: string, body: object) => ok<Record<string, unknown>>(method, body, account.admin);

  beforeAll(async () => {
    stack = await startE2eStack('points', { RATE_LIMIT_PER_MINUTE: '1000000' });
    account = await createAccount(stack, 'Points shop');
    const dbId = await createDatabase(stack, account.admin, 'Customers');
    programId = (
      await setup('loyalty/programs/create', {
        name: 'Club',
        external_id: 'club',
        db_id: dbId,
        currency: 'RUB',
        timezone: 'UTC',
      })
    )['loyalty_program_id'] as number;
    await setup('loyalty/points_currencies/create', {
      loyalty_program_id: programId,
      name: 'Bonus',
      external_id: 'bonus',
      type: 'standard',
      initial_balance: '50.00',
    });
    await setup('loyalty/points_currencies/create', {
      loyalty_program_id: programId,
      name: 'Whole',
      external_id: 'whole',
      type: 'standard',
      precision: 0,
    });
    await setup('loyalty/promotions/create', {
      loyalty_program_id: programId,
      type: 'trigger',
      name: 'Manual',
      external_id: 'manual',
      is_active: true,
      accrual_rules: [
        { points_currency_eid: 'bonus', min_amount: '1.00', max_amount: '5000.00' },
        { points_currency_eid: 'whole' },
      ],
      redeem_rules: [{ points_currency_eid: 'bonus' }],
    });
    await setup('loyalty/promotions/create', {
      loyalty_program_id: programId,
      type: 'trigger',
      name: 'App installed',
      external_id: 'app_install',
      is_active: true,
      limits: { per_member: 1 },
      accrual_rules: [{ points_currency_eid: 'bonus', static_amount: '200.00' }],
    });
    await setup('loyalty/promotions/create', {
      loyalty_program_id: programId,
      type: 'trigger',
      name: 'Paused',
      external_id: 'paused',
      is_active: false,
      accrual_rules: [{ points_currency_eid: 'bonus', static_amount: '1.00' }],
    });
    await setup('loyalty/promotions/create', {
      loyalty_program_id: programId,
      type: 'trigger',
      name: 'Over',
      external_id: 'over',
      is_active: true,
      end_date: '2020-01-01',
      accrual_rules: [{ points_currency_eid: 'bonus', static_amount: '1.00' }],
    });
  });

  afterAll(() => stack?.stop());

  const newMember = async () => {
    const who = { loyalty_program_id: programId, matching: 'email', email: `m${(person += 1)}@example.com` };
    await ok('loyalty/register_member', who);
    return who;
  };
  const accrue = (who: object, amount: string | undefined, extra: object = {}) =>
    call<Operation>('loyalty/accrue_points', {
      ...who,
      promotion_id: 'manual',
      points_currency_eid: 'bonus',
      amount,
      ...extra,
    });
  const redeem = (who: object, amount: string, extra: object = {}) =>
    call<Operation>('loyalty/redeem_points', {
      ...who,
      promotion_id: 'manual',
      points_currency_eid: 'bonus',
      amount,
      ...extra,
    });
  const balance = (who: object) =>
    ok<Balance>('loyalty/account/balance', { ...who, points_currency_eid: 'bonus' }, account.read);

  it('registers a member once, with the initial balance once, creating the profile', async () => {
    const who = { loyalty_program_id: programId, matching: 'email', email: 'New.Person@Example.com' };
    const first = await ok<{ profile_id: string; is_new: boolean }>('loyalty/register_member', who);
    const again = await ok<{ profile_id: string; is_new: boolean }>('loyalty/register_member', {
      ...who,
      email: 'new.person@example.com',
    });
    expect(first.is_new).toBe(true);
    expect(again).toEqual({ profile_id: first.profile_id, is_new: false });
    expect(await balance(who)).toEqual({
      points_currency_eid: 'bonus',
      total_balance: '50.00',
      active_balance: '50.00',
      pending_balance: '0.00',
      held_balance: '0.00',
    });
    const all = await ok<{ items: Balance[] }>('loyalty/account/balance', who, account.read);
    expect(all.items.map((item) => [item.points_currency_eid, item.total_balance])).toEqual([
      ['bonus', '50.00'],
      ['whole', '0.00'],
    ]);
  });

  it('imports members in bulk (once each) and lists them with keyset pagination', async () => {
    const data = [{ email: 'bulk1@example.com' }, { email: 'bulk2@example.com' }, { email: 'BULK1@example.com' }];
    const imported = await ok<{ created: number; existing: number; profile_ids: string[] }>('loyalty/members/import', {
      loyalty_program_id: programId,
      matching: 'email',
      data,
    });
    expect(imported).toMatchObject({ created: 2, existing: 1 });
    expect(imported.profile_ids[2]).toBe(imported.profile_ids[0]);
    const again = await ok<{ created: number; existing: number }>('loyalty/members/import', {
      loyalty_program_id: programId,
      matching: 'email',
      data,
    });
    expect(again).toMatchObject({ created: 0, existing: 3 });
    expect(
      (await balance({ loyalty_program_id: programId, matching: 'email', email: 'bulk2@example.com' })).active_balance,
    ).toBe('50.00');

    const seen: string[] = [];
    let fromId: number | null = null;
    let total = 0;
    do {
      const page: { items: { member_id: number; email: string }[]; next_from_id: number | null; total_count: number } =
        await ok('loyalty/members/list', { loyalty_program_id: programId, limit: 2, from_id: fromId }, account.read);
      seen.push(...page.items.map((item) => item.email));
      total = page.total_count;
      fromId = page.next_from_id;
    } while (fromId !== null);
    expect(seen).toHaveLength(total);
    expect(seen).toEqual(expect.arrayContaining(['bulk1@example.com', 'bulk2@example.com']));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('accrues and redeems with exact balances, and lists the transactions newest first', async () => {
    const who = await newMember();
    const accrued = expectSuccess(
      await accrue(who, '249.50', { transaction_eid: 'acc-1', external_data: { order: 'A-1' } }),
    );
    expect(accrued).toMatchObject({
      transaction_eid: 'acc-1',
      amount: '249.50',
      balance: { active_balance: '299.50', total_balance: '299.50' },
    });
    const redeemed = expectSuccess(await redeem(who, '99.50'));
    expect(redeemed.balance).toEqual({ active_balance: '200.00', total_balance: '200.00' });
    const alias = expectSuccess(
      await call<Operation>('loyalty/redeeme_points', {
        ...who,
        promotion_id: 'manual',
        points_currency_eid: 'bonus',
        amount: 10,
      }),
    );
    expect(alias.balance.active_balance).toBe('190.00');
    const history = await ok<{
      items: { transaction_type: string; amount: string; balance_after: string; promo_eid: string | null }[];
    }>('loyalty/account/transactions', { ...who, points_currency_eid: 'bonus', limit: 10 }, account.read);
    expect(
      history.items.map((item) => [item.transaction_type, item.amount, item.balance_after, item.promo_eid]),
    ).toEqual([
      ['redemption', '-10.00', '190.00', 'manual'],
      ['redemption', '-99.50', '200.00', 'manual'],
      ['accrual', '249.50', '299.50', 'manual'],
      ['initial_balance', '50.00', '50.00', null],
    ]);
  });

  it('uses the static amount when none is given, once per member with per_member: 1', async () => {
    const who = await newMember();
    const first = expectSuccess(
      await call<Operation>('loyalty/accrue_points', {
        ...who,
        promotion_id: 'app_install',
        points_currency_eid: 'bonus',
      }),
    );
    expect(first.amount).toBe('200.00');
    const second = await call('loyalty/accrue_points', {
      ...who,
      promotion_id: 'app_install',
      points_currency_eid: 'bonus',
    });
    expectFailure(second, 409, 11, 'LIMIT_REACHED');
    expect((await balance(who)).active_balance).toBe('250.00');
  });

  it('holds points for a temporary redemption until commit, and gives them back on rollback', async () => {
    const who = await newMember();
    const hold = expectSuccess(await redeem(who, '20.00', { is_temp: true }));
    expect(await balance(who)).toMatchObject({
      active_balance: '30.00',
      held_balance: '20.00',
      total_balance: '50.00',
    });
    const rolledBack = await ok<{ transaction_id: number; balance: object }>('loyalty/rollback_transaction', {
      loyalty_program_id: programId,
      transaction_id: hold.transaction_id,
    });
    expect(rolledBack.balance).toEqual({ active_balance: '50.00', total_balance: '50.00' });
    expectFailure(
      await call('loyalty/commit_transaction', { loyalty_program_id: programId, transaction_id: hold.transaction_id }),
      409,
      13,
      'TRANSACTION_STATE',
    );
    const second = expectSuccess(await redeem(who, '20.00', { is_temp: true, transaction_eid: 'hold-2' }));
    const committed = await ok<{ balance: object }>('loyalty/commit_transaction', {
      loyalty_program_id: programId,
      transaction_eid: 'hold-2',
    });
    expect(committed.balance).toEqual({ active_balance: '30.00', total_balance: '30.00' });
    expect(second.transaction_eid).toBe('hold-2');
    const cancelled = await ok<{ balance: object }>('loyalty/cancel_transaction', {
      loyalty_program_id: programId,
      transaction_eid: 'hold-2',
    });
    expect(cancelled.balance).toEqual({ active_balance: '50.00', total_balance: '50.00' });
    expectFailure(
      await call('loyalty/cancel_transaction', { loyalty_program_id: programId, transaction_eid: 'hold-2' }),
      409,
      13,
      'TRANSACTION_STATE',
    );
  });

  it('answers each error code of the points methods', async () => {
    const who = await newMember();
    expectFailure(await redeem(who, '50.01'), 409, 9, 'INSUFFICIENT_POINTS');
    expectFailure(await accrue(who, '0.50'), 400, 12, 'AMOUNT_OUT_OF_RANGE');
    expectFailure(await accrue(who, '5000.01'), 400, 12, 'AMOUNT_OUT_OF_RANGE');
    expectFailure(await accrue(who, undefined), 400, 1, 'VALIDATION_FAILED');
    expectFailure(await accrue(who, '1.005'), 400, 1, 'VALIDATION_FAILED');
    expectFailure(
      await accrue(who, '1.50', { points_currency_eid: 'whole', amount: '1.50' }),
      400,
      1,
      'VALIDATION_FAILED',
    );
    expectFailure(await accrue(who, '10.00', { promotion_id: 'paused' }), 409, 10, 'PROMOTION_NOT_APPLICABLE');
    expectFailure(await accrue(who, '10.00', { promotion_id: 'over' }), 409, 10, 'PROMOTION_NOT_APPLICABLE');
    expectFailure(await redeem(who, '10.00', { promotion_id: 'app_install' }), 409, 10, 'PROMOTION_NOT_APPLICABLE');
    expectFailure(await accrue(who, '10.00', { promotion_id: 'nope' }), 400, 18, 'UNKNOWN_REFERENCE');
    expectFailure(await accrue(who, '10.00', { points_currency_eid: 'nope' }), 400, 18, 'UNKNOWN_REFERENCE');
    expectFailure(await accrue({ ...who, email: 'nobody@example.com' }, '10.00'), 404, 7, 'PROFILE_NOT_FOUND');
    expectFailure(await accrue({ ...who, loyalty_program_id: 999_999 }, '10.00'), 404, 4, 'NOT_FOUND');
    expectSuccess(await accrue(who, '10.00', { transaction_eid: 'eid-x' }));
    expectFailure(await accrue(who, '11.00', { transaction_eid: 'eid-x' }), 422, 6, 'IDEMPOTENCY_MISMATCH');
    expectFailure(
      await call('loyalty/commit_transaction', { loyalty_program_id: programId, transaction_eid: 'eid-x' }),
      409,
      13,
      'TRANSACTION_STATE',
    );
    expectFailure(
      await call('loyalty/commit_transaction', { loyalty_program_id: programId, transaction_id: 999_999 }),
      404,
      4,
      'NOT_FOUND',
    );
    expect((await balance(who)).active_balance).toBe('60.00');
  });

  it('a profile that is not a member gets error 8; deleting a member writes its points off', async () => {
    const who = await newMember();
    expectSuccess(await accrue(who, '100.00'));
    const deleted = await ok<{ profile_id: string }>('loyalty/delete_member', who);
    expect(deleted.profile_id).toMatch(/^[0-9a-f]{24}$/);
    expectFailure(await accrue(who, '10.00'), 404, 8, 'NOT_A_MEMBER');
    expectFailure(
      await call('loyalty/account/balance', { ...who, points_currency_eid: 'bonus' }, account.read),
      404,
      8,
      'NOT_A_MEMBER',
    );
    const again = await ok<{ is_new: boolean }>('loyalty/register_member', who);
    expect(again.is_new).toBe(true);
    expect((await balance(who)).active_balance).toBe('50.00');
  });

  it('replays a transaction_eid 10 times in a row and 32 times at once with identical answers and one effect', async () => {
    const who = await newMember();
    const body = {
      ...who,
      promotion_id: 'manual',
      points_currency_eid: 'bonus',
      amount: '7.00',
      transaction_eid: 'replayed-eid',
    };
    const sequential = [];
    for (let call = 0; call < 10; call += 1)
      sequential.push(await stack.call('loyalty/accrue_points', body, account.integration));
    const concurrent = await Promise.all(
      Array.from({ length: 32 }, () => stack.call('loyalty/accrue_points', body, account.integration)),
    );
    expect(new Set([...sequential, ...concurrent].map((answer) => `${answer.status} ${answer.text}`)).size).toBe(1);
    expect((await balance(who)).active_balance).toBe('57.00');
  });

  it('E6 through HTTP: 64 clients × 20 redemptions of 7.00 against 1,000.00 → exactly 142 accepted', async () => {
    const who = await newMember();
    expectSuccess(await accrue(who, '950.00'));
    const statuses = (
      await Promise.all(
        Array.from({ length: 64 }, async () => {
          const codes: string[] = [];
          for (let request = 0; request < 20; request += 1) {
            const answer = await redeem(who, '7.00');
            codes.push(
              answer.status === 200 ? 'ok' : String((answer.body as unknown as { error_code: string }).error_code),
            );
          }
          return codes;
        }),
      )
    ).flat();
    expect(statuses.filter((status) => status === 'ok')).toHaveLength(142);
    expect(statuses.filter((status) => status === 'INSUFFICIENT_POINTS')).toHaveLength(1_138);
    expect(await balance(who)).toMatchObject({ active_balance: '6.00', total_balance: '6.00' });
  }, 180_000);

  it('adjusts points (admin only, audited) and imports a ledger with original dates, idempotent per item', async () => {
    const who = await newMember();
    expectFailure(
      await call('loyalty/adjust_points', { ...who, points_currency_eid: 'bonus', amount: '5.00', reason: 'x' }),
      403,
      3,
      'FORBIDDEN',
    );
    const adjusted = await ok<Operation>(
      'loyalty/adjust_points',
      { ...who, points_currency_eid: 'bonus', amount: '-20.00', reason: 'Goodwill reversal' },
      account.admin,
    );
    expect(adjusted.balance.active_balance).toBe('30.00');
    expectFailure(
      await call(
        'loyalty/adjust_points',
        { ...who, points_currency_eid: 'bonus', amount: '-30.01', reason: 'too much' },
        account.admin,
      ),
      409,
      9,
      'INSUFFICIENT_POINTS',
    );
    const audit = await ok<{ items: { action: string; reason: string | null }[] }>(
      'admin/audit/list',
      { entity_type: 'points_transaction' },
      account.admin,
    );
    expect(audit.items.map((entry) => [entry.action, entry.reason])).toEqual([['adjust', 'Goodwill reversal']]);

    const items = [
      {
        email: 'legacy1@example.com',
        points_currency_eid: 'bonus',
        amount: '120.00',
        created_at: '2020-06-01',
        transaction_eid: 'legacy-1',
      },
      {
        email: 'legacy1@example.com',
        points_currency_eid: 'bonus',
        amount: '30.00',
        created_at: '2020-06-02',
        expiration_date: '2020-12-31',
        transaction_eid: 'legacy-2',
      },
    ];
    const imported = await ok<{ imported: number; replayed: number }>(
      'loyalty/ledger/import',
      { loyalty_program_id: programId, matching: 'email', data: items },
      account.admin,
    );
    expect(imported).toMatchObject({ imported: 2, replayed: 0 });
    const again = await ok<{ imported: number; replayed: number }>(
      'loyalty/ledger/import',
      { loyalty_program_id: programId, matching: 'email', data: items },
      account.admin,
    );
    expect(again).toMatchObject({ imported: 0, replayed: 2 });
    const legacy = { loyalty_program_id: programId, matching: 'email', email: 'legacy1@example.com' };
    expect(await balance(legacy)).toMatchObject({ active_balance: '120.00', total_balance: '120.00' });
  });
});
