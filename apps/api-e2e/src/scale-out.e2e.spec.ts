import { Client } from 'pg';
import { E2eReplica, E2eStack, findLedgerViolations, startE2eStack, waitFor } from '@loyalty/testing';
import {
  createAccount,
  createClubProgram,
  createTokenWithId,
  Envelope,
  expectSuccess,
  sleep,
  TestAccount,
} from './support/e2e-helpers';

type Call = E2eStack['call'];
type Balance = { active_balance: string; total_balance: string };

/**
 * quality.md §2 and issue 8's scale-out: two API processes and two workers on one PostgreSQL and
 * one Redis, called round-robin. Overdraft, limits and idempotency hold across processes; a
 * configuration change or a revocation made through one API is used by the other at once; each
 * expiry and each scenario run happens once.
 */
describe('scale-out: two APIs and two workers on one database (round-robin)', () => {
  let stack: E2eStack;
  let replica: E2eReplica;
  let apis: Call[];
  let account: TestAccount;
  let programId: number;
  let db: Client;
  let person = 0;

  /** The n-th request goes to API n mod 2. */
  const at = (n: number): Call => apis[n % 2];
  const ok = async <T>(n: number, method: string, body: object, token = account.integration): Promise<T> =>
    expectSuccess(await at(n)<Envelope<T>>(method, body, token));
  const newMember = async () => {
    person += 1;
    const who = { loyalty_program_id: programId, matching: 'email', email: `p${person}@scale.test` };
    await ok(person, 'loyalty/register_member', who);
    return who;
  };
  const balance = (who: object, n = 0) =>
    ok<Balance>(n, 'loyalty/account/balance', { ...who, points_currency_eid: 'bonus' }, account.read);
  const points = (who: object, method: string, promotion: string, amount?: string) => ({
    ...who,
    promotion_id: promotion,
    points_currency_eid: 'bonus',
    ...(amount ? { amount } : {}),
  });
  const errorCode = (answer: { status: number; body: unknown }) =>
    answer.status === 200 ? 'ok' : String((answer.body as { error_code: string }).error_code);
  beforeAll(async () => {
    stack = await startE2eStack('scale-out', { RATE_LIMIT_PER_MINUTE: '1000000', SWEEP_INTERVAL_MS: '1000' });
    replica = await stack.addReplica();
    apis = [stack.call, replica.call];
    db = new Client({ connectionString: stack.database.url });
    await db.connect();
    account = await createAccount(stack, 'Scale shop');
    const admin = <T>(method: string, body: object) => ok<T>(0, method, body, account.admin);
    programId = await createClubProgram(stack, account.admin, { initial_balance: '50.00' });
    const trigger = (externalId: string, extra: object) =>
      admin('loyalty/promotions/create', {
        loyalty_program_id: programId,
        type: 'trigger',
        name: externalId,
        external_id: externalId,
        is_active: true,
        ...extra,
      });
    await trigger('manual', {
      accrual_rules: [{ points_currency_eid: 'bonus' }],
      redeem_rules: [{ points_currency_eid: 'bonus' }],
    });
    await trigger('capped', {
      limits: { total_uses: 50 },
      accrual_rules: [{ points_currency_eid: 'bonus', static_amount: '10.00' }],
    });
    await trigger('welcome', { accrual_rules: [{ points_currency_eid: 'bonus', static_amount: '10.00' }] });
  });

  afterAll(async () => {
    await db?.end();
    await stack?.stop();
  });

  afterEach(async () => {
    expect(await findLedgerViolations(async (sql) => (await db.query(sql)).rows)).toEqual([]);
  });

  it('E6 across both APIs: 64 clients × 20 redemptions of 7.00 against 1,000.00 → exactly 142 accepted, 6.00 left', async () => {
    const who = await newMember();
    await ok(0, 'loyalty/accrue_points', points(who, 'accrue', 'manual', '950.00'));
    const codes = (
      await Promise.all(
        Array.from({ length: 64 }, async (_, client) => {
          const seen: string[] = [];
          for (let request = 0; request < 20; request += 1) {
            const answer = await at(client + request)(
              'loyalty/redeem_points',
              points(who, 'redeem', 'manual', '7.00'),
              account.integration,
            );
            seen.push(errorCode(answer));
          }
          return seen;
        }),
      )
    ).flat();
    expect(codes.filter((code) => code === 'ok')).toHaveLength(142);
    expect(codes.filter((code) => code === 'INSUFFICIENT_POINTS')).toHaveLength(1_138);
    expect(await balance(who, 1)).toMatchObject({ active_balance: '6.00', total_balance: '6.00' });
  });

  it('total_uses: 50 across both APIs: 200 parallel accruals for 200 members → exactly 50', async () => {
    const members = [];
    for (let index = 0; index < 200; index += 1) members.push(await newMember());
    const codes = await Promise.all(
      members.map(async (who, index) =>
        errorCode(await at(index)('loyalty/accrue_points', points(who, 'accrue', 'capped'), account.integration)),
      ),
    );
    expect(codes.filter((code) => code === 'ok')).toHaveLength(50);
    expect(codes.filter((code) => code === 'LIMIT_REACHED')).toHaveLength(150);
    const { rows } = await db.query(
      `select count(*)::int as count from points_transactions t join promotions p on p.id = t.promotion_id
        where p.external_id = 'capped'`,
    );
    expect(rows[0].count).toBe(50);
  });

  it('one Idempotency-Key and one transaction_eid, 32 requests at once over both APIs: identical answers, one effect', async () => {
    const who = await newMember();
    const keyed = await Promise.all(
      Array.from({ length: 32 }, (_, index) =>
        at(index)('loyalty/accrue_points', points(who, 'accrue', 'manual', '5.00'), account.integration, {
          'Idempotency-Key': 'scale-key-1',
        }),
      ),
    );
    expect(new Set(keyed.map((answer) => `${answer.status} ${answer.text}`)).size).toBe(1);
    const eid = await Promise.all(
      Array.from({ length: 32 }, (_, index) =>
        at(index)(
          'loyalty/accrue_points',
          { ...points(who, 'accrue', 'manual', '3.00'), transaction_eid: 'scale-eid-1' },
          account.integration,
        ),
      ),
    );
    expect(new Set(eid.map((answer) => `${answer.status} ${answer.text}`)).size).toBe(1);
    expect((await balance(who)).active_balance).toBe('58.00');
  });

  it('a promotion changed through one API is used by the other on its next request; a token revoked through one is refused by the other', async () => {
    const who = await newMember();
    const accrued = async (n: number) =>
      (await ok<{ amount: string }>(n, 'loyalty/accrue_points', points(who, 'accrue', 'welcome'))).amount;
    expect(await accrued(1)).toBe('10.00');
    await ok(
      0,
      'loyalty/promotions/update',
      {
        loyalty_program_id: programId,
        promotion_id: 'welcome',
        accrual_rules: [{ points_currency_eid: 'bonus', static_amount: '25.00' }],
      },
      account.admin,
    );
    expect(await accrued(1)).toBe('25.00');

    const token = await createTokenWithId(stack, account.admin, 'read');
    expect((await replica.call('databases/list', {}, token.token)).status).toBe(200);
    await ok(0, 'admin/tokens/revoke', { token_id: token.token_id }, account.admin);
    expect((await replica.call('databases/list', {}, token.token)).status).toBe(401);
  });

  it('with two workers each lot expires once', async () => {
    const members = [];
    for (let index = 0; index < 40; index += 1) {
      const who = await newMember();
      await ok(index, 'loyalty/accrue_points', {
        ...points(who, 'accrue', 'manual', '4.00'),
        expiration_date: '2030-01-01',
      });
      members.push(who);
    }
    await fetch(`${stack.apiUrl}/test/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now: '2030-01-02T00:00:00.000Z' }),
    });
    const expired = async () =>
      (
        await db.query(
          `select count(*)::int as lots, count(distinct t.related_transaction)::int as distinct_lots
             from points_transactions t where t.type = 'expiration'`,
        )
      ).rows[0] as { lots: number; distinct_lots: number };
    await waitFor(async () => (await expired()).lots >= 40);
    await sleep(2_500);
    expect(await expired()).toEqual({ lots: 40, distinct_lots: 40 });
    for (const who of members.slice(0, 4)) expect((await balance(who)).active_balance).toBe('50.00');
  });
});
