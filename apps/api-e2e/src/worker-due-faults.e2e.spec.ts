import { ChildProcess, spawn } from 'node:child_process';
import Redis from 'ioredis';
import { Client } from 'pg';
import { E2eStack, freePort, startE2eStack } from '@loyalty/testing';
import { callOk, createAccount, createDatabase, sleep, TestAccount } from './support/e2e-helpers';

const MEMBERS = 5_000;
const LOTS_PER_MEMBER = 2;
const LOTS = MEMBERS * LOTS_PER_MEMBER;
const FLUSH_EXPIRY = '2030-01-01T12:00:00.000Z';
const KILL_EXPIRY = '2030-01-02T12:00:00.000Z';

/**
 * spec/quality.md §3 for expiry, on the built worker with a Redis of its own (another port): a
 * FLUSHALL loses every planned job and the sweep plans them again from the database; a worker
 * killed with SIGKILL in the middle of an expiry burst leaves no half-done batch, and after a
 * restart every one of 10,000 lots has expired exactly once.
 */
describe('expiry survives a Redis flush and a killed worker', () => {
  let redisServer: ChildProcess;
  let redis: Redis;
  let stack: E2eStack;
  let account: TestAccount;
  let db: Client;
  let programId: number;
  let currencyId: number;

  const setClock = async (now: string) => {
    const response = await fetch(`${stack.apiUrl}/test/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now }),
    });
    expect(response.status).toBe(200);
  };
  const count = async (sql: string, params: unknown[] = []) => Number((await db.query(sql, params)).rows[0].count);
  const expiredLots = (expiresAt: string) =>
    count('select count(*) from points_lots where expires_at = $1 and expired', [expiresAt]);
  const waitFor = async (what: string, done: () => Promise<boolean>, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(25);
    }
  };
  const dueJobKeys = async () => (await redis.keys('*:bull:loyalty:due-*')).filter((key) => !key.includes(':lock'));

  beforeAll(async () => {
    const port = await freePort();
    redisServer = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    redis = new Redis(`redis://127.0.0.1:${port}`, {
      lazyConnect: true,
      retryStrategy: (times) => Math.min(times * 50, 500),
    });
    await waitForRedis(redis);
    stack = await startE2eStack('due-faults', {
      REDIS_URL: `redis://127.0.0.1:${port}`,
      SWEEP_INTERVAL_MS: '3000',
      RATE_LIMIT_PER_MINUTE: '1000000',
    });
    await setClock('2029-12-31T12:00:00.000Z');
    account = await createAccount(stack, 'Faults');
    const dbId = await createDatabase(stack, account.admin, 'Customers');
    programId = (
      await callOk<{ loyalty_program_id: number }>(
        stack,
        'loyalty/programs/create',
        { name: 'Club', external_id: 'club', db_id: dbId, currency: 'RUB', timezone: 'UTC' },
        account.admin,
      )
    ).loyalty_program_id;
    await callOk(
      stack,
      'loyalty/points_currencies/create',
      { loyalty_program_id: programId, name: 'Bonus', external_id: 'bonus', type: 'standard' },
      account.admin,
    );
    await callOk(
      stack,
      'loyalty/register_member',
      { loyalty_program_id: programId, matching: 'email', email: 'first@example.com' },
      account.integration,
    );
    db = new Client({ connectionString: stack.database.url });
    await db.connect();
    currencyId = Number(
      (await db.query('select id from points_currencies where program_id = $1', [programId])).rows[0].id,
    );
    await seedMembers(db, programId);
    for (const expiresAt of [FLUSH_EXPIRY, KILL_EXPIRY]) await seedActiveLots(db, programId, currencyId, expiresAt);
    expect(await count('select count(*) from points_lots where not expired')).toBe(2 * LOTS);
  }, 300_000);

  afterAll(async () => {
    await db?.end();
    await stack?.stop();
    redis?.disconnect();
    redisServer?.kill('SIGKILL');
  });

  it('FLUSHALL with 10,000 pending lots: the sweep plans the job again and every lot expires once', async () => {
    await setClock('2030-01-01T11:59:56.000Z');
    await waitFor('the planned expiry job', async () => (await dueJobKeys()).length > 0, 15_000);
    await redis.flushall();
    expect(await dueJobKeys()).toEqual([]);
    await setClock('2030-01-01T11:59:56.000Z');
    await waitFor('the sweep to plan the job again', async () => (await dueJobKeys()).length > 0, 15_000);
    expect(await expiredLots(FLUSH_EXPIRY)).toBe(0);

    await setClock('2030-01-01T12:00:01.000Z');
    await waitFor('every lot to expire', async () => (await expiredLots(FLUSH_EXPIRY)) === LOTS);
    await expectExpiredOnce(FLUSH_EXPIRY);
  });

  it('SIGKILL in the middle of an expiry burst: after a restart every lot has expired exactly once', async () => {
    await setClock('2030-01-02T12:00:01.000Z');
    await waitFor('the burst to start', async () => (await expiredLots(KILL_EXPIRY)) > 0, 30_000);
    await stack.signalWorker('SIGKILL');
    const atKill = await expiredLots(KILL_EXPIRY);
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(LOTS);
    await sleep(500);
    const afterKill = await expiredLots(KILL_EXPIRY);
    expect(afterKill).toBeLessThan(LOTS);

    await stack.restartWorker();
    await setClock('2030-01-02T12:01:01.000Z');
    await waitFor('every lot to expire', async () => (await expiredLots(KILL_EXPIRY)) === LOTS);
    await expectExpiredOnce(KILL_EXPIRY);
    expect(
      await count('select count(*) from points_accounts where currency_id = $1 and (active <> 0 or pending <> 0)', [
        currencyId,
      ]),
    ).toBe(0);
  });

  /** One expiration per lot, dated at its expiry, one points.expired event each; caches equal the lots. */
  async function expectExpiredOnce(expiresAt: string): Promise<void> {
    const expirations = await db.query(
      `select count(*)::int as expirations, count(distinct t.related_transaction)::int as lots,
              coalesce(sum(t.amount), 0)::text as amount, min(t.created_at) = max(t.created_at) and min(t.created_at) = $1 as dated
         from points_transactions t join points_lots l on l.transaction_id = t.related_transaction
        where t.type = 'expiration' and l.expires_at = $1`,
      [expiresAt],
    );
    expect(expirations.rows[0]).toEqual({ expirations: LOTS, lots: LOTS, amount: String(-100 * LOTS), dated: true });
    expect(
      await count(
        `select count(*) from outbox_events e join points_transactions t on t.id = (e.payload->>'transaction_id')::bigint
          where e.event_type = 'points.expired' and t.expiration_at = $1`,
        [expiresAt],
      ),
    ).toBe(LOTS);
    const drift = await count(
      `select count(*) from points_accounts a
        where a.currency_id = $1
          and a.active <> (select coalesce(sum(remaining), 0) from points_lots l where l.points_account_id = a.id and l.activated and not l.expired)`,
      [currencyId],
    );
    expect(drift).toBe(0);
  }
});

/** MEMBERS members in all (the first registered through the API), written straight into the database. */
async function seedMembers(db: Client, programId: number): Promise<void> {
  const params = [programId, MEMBERS - 1];
  await db.query(
    `insert into profiles (id, account_id, database_id, email, custom_fields, created_at, updated_at)
     select lpad(to_hex(g), 24, '0'), p.account_id, p.database_id, 'seed' || g || '@example.com', '{}', now(), now()
       from members m join profiles p on p.id = m.profile_id, generate_series(1, $2::int) g
      where m.program_id = $1`,
    params,
  );
  await db.query(
    `insert into members (account_id, program_id, profile_id, status, registered_at)
     select m.account_id, m.program_id, lpad(to_hex(g), 24, '0'), m.status, m.registered_at
       from members m, generate_series(1, $2::int) g
      where m.program_id = $1`,
    params,
  );
}

/** Active lots of 1.00 point each, written straight into the ledger (the API would take minutes for 20,000). */
async function seedActiveLots(db: Client, programId: number, currencyId: number, expiresAt: string): Promise<void> {
  await db.query(
    `insert into points_accounts (account_id, member_id, currency_id, active, pending, held, debt, version, frozen)
     select account_id, id, $2, 0, 0, 0, 0, 0, false from members where program_id = $1
     on conflict (member_id, currency_id) do nothing`,
    [programId, currencyId],
  );
  await db.query(
    `with lots as (
       select a.id as points_account_id, a.account_id, a.member_id, g
         from points_accounts a cross join generate_series(1, $4::int) g where a.currency_id = $2),
     accruals as (
       insert into points_transactions (account_id, program_id, member_id, points_account_id, transaction_eid, type, status,
                                        amount, balance_before, balance_after, expiration_at, created_at, recorded_at)
       select account_id, $1, member_id, points_account_id, 'seed-' || $3::text || '-' || points_account_id || '-' || g,
              'accrual', 'posted', 100, 0, 100, $3::timestamptz, '2029-12-01T00:00:00Z', '2029-12-01T00:00:00Z' from lots
       returning id, account_id, points_account_id)
     insert into points_lots (account_id, points_account_id, transaction_id, amount, remaining, activation_at, expires_at, activated, expired)
     select account_id, points_account_id, id, 100, 100, '2029-12-01T00:00:00Z', $3::timestamptz, true, false from accruals`,
    [programId, currencyId, expiresAt, LOTS_PER_MEMBER],
  );
  await db.query('update points_accounts set active = active + $2 where currency_id = $1', [
    currencyId,
    100 * LOTS_PER_MEMBER,
  ]);
}

async function waitForRedis(redis: Redis): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      await redis.connect();
      await redis.ping();
      return;
    } catch {
      redis.disconnect();
      await sleep(100);
    }
  }
  throw new Error('the test Redis did not start');
}
