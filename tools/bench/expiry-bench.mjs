#!/usr/bin/env node
// Benchmarks lot expiry on the built worker, as spec/quality.md §1 says: a burst of lots due at one
// instant must drain at >= 1,000 lots/s, and at a steady 500 due lots/s the lag from `expires_at`
// must stay p99 <= 5 s. Starts the API (for setup) and the worker on a fresh database with real
// time; members and lots are written in bulk SQL (the API would take far longer to make 100,000).
// A lot's lag is measured from the instant it fell due (expires_at + 1 ms) to the first poll (every
// 100 ms) that sees it expired, so it is pessimistic by up to one poll.
// Writes bench/results/<date>-expiry.json and prints a table.
//
// EXPIRY_BURST (100,000; quick 10,000), EXPIRY_RATE (500), EXPIRY_STEADY_S (40; quick 15).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  admin,
  assertLedgerSound,
  BENCH_ROOT_KEY,
  benchEnv,
  callApi,
  cpuPressure,
  databaseUrl,
  machineFacts,
  percentile,
  waitReady,
  writeResult,
} from './bench-support.mjs';
import { printTargets } from './targets-table.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const quick = process.env.BENCH_QUICK === '1';
const BURST = Number(process.env.EXPIRY_BURST ?? (quick ? 10_000 : 100_000));
const RATE = Number(process.env.EXPIRY_RATE ?? 500);
const STEADY_S = Number(process.env.EXPIRY_STEADY_S ?? (quick ? 15 : 40));
const LEAD_MS = 20_000;
const API_PORT = 3991;
const WORKER_PORT = 3992;
const database = `loyalty_bench_expiry_${Date.now()}`;
const env = benchEnv(database, `bench-expiry-${Date.now()}`, { SWEEP_INTERVAL_MS: '5000' });

const start = (script, port) =>
  spawn(process.execPath, [join(root, script)], {
    env: { ...env, PORT: String(API_PORT), WORKER_PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });

const call = (method, body, token) => callApi(`http://127.0.0.1:${API_PORT}`, method, body, token);

/** A program with one currency and one member made through the API; the others are copied in SQL. */
async function seedProgram(db, members) {
  const { admin_token: token } = await call('admin/accounts/create', { name: 'Bench' }, BENCH_ROOT_KEY);
  const { db_id } = await call('databases/create', { name: 'Customers' }, token);
  const { loyalty_program_id: programId } = await call(
    'loyalty/programs/create',
    { name: 'Bench', external_id: 'bench', db_id, currency: 'RUB', timezone: 'UTC' },
    token,
  );
  await call(
    'loyalty/points_currencies/create',
    { loyalty_program_id: programId, name: 'Bonus', external_id: 'bonus', type: 'standard' },
    token,
  );
  await call(
    'loyalty/register_member',
    { loyalty_program_id: programId, matching: 'email', email: 'first@bench.test' },
    token,
  );
  const params = [programId, members - 1];
  await db.query(
    `insert into profiles (id, account_id, database_id, email, custom_fields, created_at, updated_at)
     select lpad(to_hex(g), 24, '0'), p.account_id, p.database_id, 'm' || g || '@bench.test', '{}', now(), now()
       from members m join profiles p on p.id = m.profile_id, generate_series(1, $2::int) g where m.program_id = $1`,
    params,
  );
  await db.query(
    `insert into members (account_id, program_id, profile_id, status, registered_at)
     select m.account_id, m.program_id, lpad(to_hex(g), 24, '0'), m.status, m.registered_at
       from members m, generate_series(1, $2::int) g where m.program_id = $1`,
    params,
  );
  const currencyId = Number(
    (await db.query('select id from points_currencies where program_id = $1', [programId])).rows[0].id,
  );
  await db.query(
    `insert into points_accounts (account_id, member_id, currency_id, active, pending, held, debt, version, frozen)
     select account_id, id, $2, 0, 0, 0, 0, 0, false from members where program_id = $1
     on conflict (member_id, currency_id) do nothing`,
    [programId, currencyId],
  );
  return { programId, currencyId };
}

/**
 * One active lot of 1.00 per member for `count` members, the i-th expiring at `expiresAt(i)`
 * (an ISO instant computed in SQL from `firstMs` and `stepMs`), with its accrual and the cache.
 */
async function seedLots(db, { programId, currencyId }, count, firstMs, stepMs, tag) {
  const started = performance.now();
  await db.query(
    `with chosen as (
       select a.id, a.account_id, a.member_id, row_number() over (order by a.id) - 1 as n
         from points_accounts a where a.currency_id = $2 order by a.id limit $3),
     accruals as (
       insert into points_transactions (account_id, program_id, member_id, points_account_id, transaction_eid, type, status,
                                        amount, balance_before, balance_after, expiration_at, created_at, recorded_at)
       select account_id, $1, member_id, id, $6 || '-' || id, 'accrual', 'posted', 100, 0, 100,
              to_timestamp(($4::bigint + n * $5::float8) / 1000.0), now(), now() from chosen
       returning id, account_id, points_account_id, expiration_at)
     insert into points_lots (account_id, points_account_id, transaction_id, amount, remaining, activation_at, expires_at, activated, expired)
     select account_id, points_account_id, id, 100, 100, now() - interval '1 day', expiration_at, true, false from accruals`,
    [programId, currencyId, count, firstMs, stepMs, tag],
  );
  await db.query(
    `update points_accounts a set active = active + 100
      where a.id in (select l.points_account_id from points_lots l join points_transactions t on t.id = l.transaction_id
                      where t.transaction_eid like $1 || '-%')`,
    [tag],
  );
  await db.query('analyze points_lots');
  return (performance.now() - started) / 1000;
}

/** Polls until every lot of `tag` has expired; returns each lot's lag in ms (seen − due). */
async function watchExpiry(db, tag, timeoutMs) {
  const lots = new Map(
    (
      await db.query(
        `select l.id, (extract(epoch from l.expires_at) * 1000)::bigint + 1 as due_ms
           from points_lots l join points_transactions t on t.id = l.transaction_id where t.transaction_eid like $1 || '-%'`,
        [tag],
      )
    ).rows.map((row) => [Number(row.id), Number(row.due_ms)]),
  );
  const lags = [];
  let lastSeenAt = null;
  const deadline = Date.now() + timeoutMs;
  const minId = Math.min(...lots.keys());
  const maxId = Math.max(...lots.keys());
  const seen = new Set();
  while (seen.size < lots.size) {
    if (Date.now() > deadline) throw new Error(`${tag}: ${lots.size - seen.size} lots still not expired`);
    const now = Date.now();
    const { rows } = await db.query('select id from points_lots where id between $1 and $2 and expired', [
      minId,
      maxId,
    ]);
    for (const row of rows) {
      const id = Number(row.id);
      if (seen.has(id) || !lots.has(id)) continue;
      seen.add(id);
      lags.push(Math.max(0, now - lots.get(id)));
      lastSeenAt = now;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { lags: lags.sort((a, b) => a - b), lastSeenAt };
}

const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

async function main() {
  await admin(`create database "${database}"`);
  const api = start('dist/apps/api/main.js', WORKER_PORT);
  let worker = null;
  const db = new pg.Client({ connectionString: databaseUrl(database) });
  try {
    await waitReady(`http://127.0.0.1:${API_PORT}/health/ready`);
    await db.connect();
    const members = Math.max(BURST, RATE * STEADY_S);
    const setupStarted = performance.now();
    const program = await seedProgram(db, members);
    const seedMembersS = (performance.now() - setupStarted) / 1000;
    const burstAt = Date.now() + LEAD_MS + 30_000;
    const burstSeedS = await seedLots(db, program, BURST, burstAt, 0, 'burst');
    worker = start('dist/apps/worker/main.js', WORKER_PORT);
    await waitReady(`http://127.0.0.1:${WORKER_PORT}/health/ready`);
    console.log(
      `seeded ${members} members (${round(seedMembersS)} s), ${BURST} lots due at ${new Date(burstAt).toISOString()} (${round(burstSeedS)} s)`,
    );
    const pressureBefore = cpuPressure();
    const burst = await watchExpiry(db, 'burst', 600_000);
    const drainS = (burst.lastSeenAt - burstAt) / 1000;
    const burstRate = BURST / drainS;
    console.log(`burst: ${BURST} lots drained in ${round(drainS, 2)} s → ${Math.round(burstRate)} lots/s`);

    const steadyCount = RATE * STEADY_S;
    const steadyFrom = Date.now() + LEAD_MS;
    await seedLots(db, program, steadyCount, steadyFrom, 1000 / RATE, 'steady');
    const steady = await watchExpiry(db, 'steady', STEADY_S * 1000 + 600_000);
    const p50 = percentile(steady.lags, 50);
    const p99 = percentile(steady.lags, 99);
    console.log(
      `steady ${RATE} lots/s for ${STEADY_S} s: lag p50 ${p50} ms, p99 ${p99} ms, max ${steady.lags.at(-1)} ms`,
    );

    const duplicates = Number(
      (
        await db.query(
          `select count(*) from (select related_transaction from points_transactions where type = 'expiration'
             group by related_transaction having count(*) > 1) d`,
        )
      ).rows[0].count,
    );
    if (duplicates > 0) throw new Error(`${duplicates} lots expired more than once`);
    await assertLedgerSound(database);

    const report = {
      date: new Date().toISOString(),
      ...(await machineFacts()),
      cpu_pressure_before: pressureBefore,
      cpu_pressure_after: cpuPressure(),
      settings: { burst: BURST, rate: RATE, steady_s: STEADY_S, sweep_interval_ms: 5000, poll_ms: 100 },
      burst: {
        lots: BURST,
        drain_s: round(drainS, 2),
        lots_per_s: Math.round(burstRate),
        lag_p50_ms: percentile(burst.lags, 50),
        lag_p99_ms: percentile(burst.lags, 99),
      },
      steady: { lots: steadyCount, rate: RATE, lag_p50_ms: p50, lag_p99_ms: p99, lag_max_ms: steady.lags.at(-1) },
      duplicates,
    };
    const file = writeResult('expiry', report);
    printTargets([
      {
        what: `expiry burst of ${BURST} lots`,
        target: '≥ 1,000 lots/s',
        value: `${Math.round(burstRate)} lots/s`,
        met: burstRate >= 1000,
      },
      {
        what: `expiry lag at ${RATE} lots/s, p99`,
        target: '≤ 5 s',
        value: `${round(p99 / 1000, 2)} s`,
        met: p99 <= 5000,
      },
    ]);
    console.log(`\nwrote ${file}`);
  } finally {
    await db.end().catch(() => undefined);
    worker?.kill('SIGTERM');
    api.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await admin(`drop database if exists "${database}" with (force)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
