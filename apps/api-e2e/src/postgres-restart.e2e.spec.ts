import { Client } from 'pg';
import { E2eStack, findLedgerViolations, startE2eStack } from '@loyalty/testing';
import { createAccount, createClubProgram, Envelope, expectSuccess, sleep, TestAccount } from './support/e2e-helpers';
import { OwnPostgres, startOwnPostgres } from './support/own-postgres';

const CLIENTS = 16;
const MEMBERS = 8;

/**
 * quality.md §3: PostgreSQL restarted under write load. Clients keep accruing 1.00 with a
 * `transaction_eid` each and retry a failed request with the same eid until it is answered. No
 * acknowledged write is lost, no retry makes a duplicate, nothing is half-written, and the API is
 * ready again within 10 s of the database coming back. While the database is away the API answers
 * 503 NOT_READY (error 24), never a 500. Runs on a PostgreSQL server of its own.
 */
describe('PostgreSQL restarted under write load', () => {
  let postgres: OwnPostgres;
  let stack: E2eStack;
  let account: TestAccount;
  let programId: number;

  beforeAll(async () => {
    postgres = await startOwnPostgres();
    postgres.createDatabase('loyalty_restart');
    stack = await startE2eStack('pg-restart', {
      DATABASE_URL: postgres.url('loyalty_restart'),
      RATE_LIMIT_PER_MINUTE: '1000000',
    });
    account = await createAccount(stack, 'Restart shop');
    const admin = async <T>(method: string, body: object) =>
      expectSuccess(await stack.call<Envelope<T>>(method, body, account.admin));
    programId = await createClubProgram(stack, account.admin);
    await admin('loyalty/promotions/create', {
      loyalty_program_id: programId,
      type: 'trigger',
      name: 'Manual',
      external_id: 'manual',
      is_active: true,
      accrual_rules: [{ points_currency_eid: 'bonus' }],
    });
    for (let member = 0; member < MEMBERS; member += 1) {
      await admin('loyalty/register_member', {
        loyalty_program_id: programId,
        matching: 'email',
        email: `m${member}@restart.test`,
      });
    }
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    postgres?.stop();
  });

  it('keeps every acknowledged accrual exactly once, and the API is ready within 10 s of the database coming back', async () => {
    const acknowledged = new Map<string, number>();
    const failures = new Map<string, number>();
    let stopping = false;
    /** Sends one accrual until it is answered 200, retrying with the same eid. */
    const accrue = async (client: number, serial: number) => {
      const eid = `c${client}-${serial}`;
      const member = (client + serial) % MEMBERS;
      for (;;) {
        const answer = await stack
          .call(
            'loyalty/accrue_points',
            {
              loyalty_program_id: programId,
              matching: 'email',
              email: `m${member}@restart.test`,
              promotion_id: 'manual',
              points_currency_eid: 'bonus',
              amount: '1.00',
              transaction_eid: eid,
            },
            account.integration,
          )
          .catch(() => null);
        if (answer?.status === 200) {
          acknowledged.set(eid, member);
          return;
        }
        const reason = answer
          ? `${answer.status} ${(answer.body as { error_code?: string })?.error_code}`
          : 'no answer';
        failures.set(reason, (failures.get(reason) ?? 0) + 1);
        if (answer && answer.status !== 503) throw new Error(`${eid}: ${answer.text}\n${stack.recentLogs()}`);
        await sleep(100);
      }
    };
    const clients = Array.from({ length: CLIENTS }, async (_, client) => {
      for (let serial = 0; !stopping; serial += 1) await accrue(client, serial);
    });

    await sleep(1_500);
    const before = acknowledged.size;
    await postgres.restart(2_000);
    const backAt = Date.now();
    let readyAfterMs = Number.POSITIVE_INFINITY;
    while (Date.now() - backAt < 10_000) {
      const ready = await fetch(`${stack.apiUrl}/health/ready`).then(
        (response) => response.status,
        () => 0,
      );
      if (ready === 200) {
        readyAfterMs = Date.now() - backAt;
        break;
      }
      await sleep(100);
    }
    expect(readyAfterMs).toBeLessThanOrEqual(10_000);
    await sleep(1_500);
    stopping = true;
    await Promise.all(clients);

    expect(before).toBeGreaterThan(0);
    expect(acknowledged.size).toBeGreaterThan(before);
    // while the database was away the API said so (503, error 24), never a 500
    expect([...failures.keys()]).toEqual(['503 NOT_READY']);
    const db = new Client({ connectionString: postgres.url('loyalty_restart') });
    await db.connect();
    try {
      const { rows } = await db.query(
        `select t.transaction_eid, count(*)::int as copies from points_transactions t
          where t.transaction_eid like 'c%-%' group by t.transaction_eid`,
      );
      const stored = new Map(rows.map((row) => [row.transaction_eid as string, row.copies as number]));
      expect([...stored.values()].every((copies) => copies === 1)).toBe(true);
      expect([...stored.keys()].sort()).toEqual([...acknowledged.keys()].sort());
      const balances = await db.query(
        `select p.email, a.active::int as active from points_accounts a
           join members m on m.id = a.member_id join profiles p on p.id = m.profile_id order by p.email`,
      );
      const expected = new Map<string, number>();
      for (const member of acknowledged.values())
        expected.set(`m${member}@restart.test`, (expected.get(`m${member}@restart.test`) ?? 0) + 100);
      expect(balances.rows.map((row) => [row.email, row.active])).toEqual(
        [...expected.entries()].sort(([a], [b]) => a.localeCompare(b)),
      );
      expect(await findLedgerViolations(async (sql) => (await db.query(sql)).rows)).toEqual([]);
    } finally {
      await db.end();
    }
  });
});
