#!/usr/bin/env node
// Benchmarks accrue_points and redeem_points as spec/quality.md §1 says: throughput closed-loop at
// 32 connections (autocannon), latency open-loop at a fixed arrival rate (each request timed from
// its scheduled send); each a warm-up, then 3 watched runs, medians reported (load.mjs). Starts
// the built API on a fresh database with 1,000 members; build first (`npm run build`).
// Env: BENCH_DURATION_S (8), BENCH_WARMUP_S (3), BENCH_RUNS (3), BENCH_RATE (700), DB_POOL_MAX (20),
// BENCH_PROFILE=1 (the API runs with --cpu-prof; the profile goes to tmp/bench-profiles/).
// Writes bench/results/<date>-points-<rate>rps.json and prints a table.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  admin,
  assertLedgerSound,
  BENCH_ROOT_KEY,
  benchEnv,
  callApi,
  machineFacts,
  queryOn,
  stopProcess,
  waitReady,
  writeResult,
} from './bench-support.mjs';
import { agent, closedLoop, countOf, drain, openLoop, repeat } from './load.mjs';
import { printTargets } from './targets-table.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const RATE = Number(process.env.BENCH_RATE ?? 700);
const MEMBERS = 1_000;
const PORT = 3990;
const database = `loyalty_bench_${Date.now()}`;

const PROFILE_DIR = process.env.BENCH_PROFILE === '1' ? join(root, 'tmp/bench-profiles') : null;

function startApi({ profiled = false } = {}) {
  const profile = profiled ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, join(root, 'dist/apps/api/main.js')], {
    env: benchEnv(database, `bench-${Date.now()}`, {
      PORT: String(PORT),
      DB_POOL_MAX: process.env.DB_POOL_MAX ?? '20',
    }),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}

const base = `http://127.0.0.1:${PORT}`;

const call = (method, body, token) => callApi(base, method, body, token);

async function seed() {
  const { admin_token: token } = await call('admin/accounts/create', { name: 'Bench' }, BENCH_ROOT_KEY);
  const { db_id } = await call('databases/create', { name: 'Customers' }, token);
  const { loyalty_program_id } = await call(
    'loyalty/programs/create',
    { name: 'Bench', external_id: 'bench', db_id, currency: 'RUB', timezone: 'UTC' },
    token,
  );
  await call(
    'loyalty/points_currencies/create',
    { loyalty_program_id, name: 'Bonus', external_id: 'bonus', type: 'standard' },
    token,
  );
  await call(
    'loyalty/promotions/create',
    {
      loyalty_program_id,
      type: 'trigger',
      name: 'Bench',
      external_id: 'bench',
      is_active: true,
      accrual_rules: [{ points_currency_eid: 'bonus' }],
      redeem_rules: [{ points_currency_eid: 'bonus' }],
    },
    token,
  );
  for (let first = 0; first < MEMBERS; first += 500) {
    const data = Array.from({ length: 500 }, (_, index) => ({
      email: `m${first + index}@bench.test`,
      points_currency_eid: 'bonus',
      amount: '1000000.00',
      created_at: '2026-01-01',
    }));
    await call('loyalty/ledger/import', { loyalty_program_id, matching: 'email', data }, token);
  }
  return { token, loyalty_program_id };
}

const bodyFor = (programId, method) => () =>
  JSON.stringify({
    loyalty_program_id: programId,
    matching: 'email',
    email: `m${Math.floor(Math.random() * MEMBERS)}@bench.test`,
    promotion_id: 'bench',
    points_currency_eid: 'bonus',
    amount: method === 'loyalty/accrue_points' ? '10.00' : '1.00',
  });

async function main() {
  await admin(`create database "${database}"`);
  let api = startApi();
  try {
    await waitReady(`${base}/health/ready`);
    const { token, loyalty_program_id } = await seed();
    if (PROFILE_DIR) {
      // A fresh, profiled API, so the profile holds the measured load and not the seeding.
      await stopProcess(api);
      api = startApi({ profiled: true });
      await waitReady(`${base}/health/ready`);
    }
    const results = {};
    const watched = { runs: RUNS, pid: api.pid, query: queryOn(database) };
    for (const method of ['loyalty/accrue_points', 'loyalty/redeem_points']) {
      const url = `${base}/api/v1.1/${method}`;
      const makeBody = bodyFor(loyalty_program_id, method);
      const closed = await repeat(
        `${method} closed`,
        () => closedLoop(url, token, makeBody, DURATION_S),
        () => closedLoop(url, token, makeBody, WARMUP_S, { classifyErrors: false }),
        watched,
      );
      const open = await repeat(
        `${method} open ${RATE}/s`,
        () => openLoop(url, token, Array.from({ length: RATE * DURATION_S }, makeBody), RATE),
        null,
        watched,
      );
      results[method] = { closed_loop_32: closed, [`open_loop_${RATE}_per_s`]: open };
    }
    await drain(queryOn(database));
    await assertLedgerSound(database);
    const report = {
      date: new Date().toISOString(),
      ...(await machineFacts()),
      settings: {
        duration_s: DURATION_S,
        warmup_s: WARMUP_S,
        runs: RUNS,
        rate: RATE,
        members: MEMBERS,
        db_pool_max: process.env.DB_POOL_MAX ?? '20',
      },
      results,
    };
    const file = writeResult(`points-${RATE}rps`, report);
    printTargets(
      Object.entries(results).flatMap(([method, result]) => {
        const closed = result.closed_loop_32;
        const open = result[`open_loop_${RATE}_per_s`];
        const closedErrors = countOf(closed.outcomes_all_runs, 'error') + countOf(closed.outcomes_all_runs, 'business');
        const openErrors = countOf(open.outcomes_all_runs, 'error') + countOf(open.outcomes_all_runs, 'business');
        const p99 = open.median.p99_ms;
        return [
          {
            what: `${method} closed-loop, 32 connections`,
            target: '≥ 1,000 ops/s',
            value: `${closed.median.requests_per_s} ops/s, ${closedErrors} errors (p99 ${closed.median.p99_ms} ms)`,
            met: closed.median.requests_per_s >= 1000 && closedErrors === 0,
          },
          {
            what: `${method} at ${RATE}/s open-loop, p99`,
            target: '≤ 30 ms',
            value:
              p99 === null
                ? `saturated at ${open.median.achieved_per_s}/s (${openErrors} errors)`
                : `${p99} ms, p50 ${open.median.p50_ms} ms (${openErrors} errors)`,
            met: p99 !== null && p99 <= 30 && openErrors === 0,
          },
        ];
      }),
    );
    console.log(`\nwritten to ${file}`);
  } finally {
    agent.destroy();
    await stopProcess(api);
    await admin(`drop database if exists "${database}" with (force)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
