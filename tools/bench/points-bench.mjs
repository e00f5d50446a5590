#!/usr/bin/env node
// Benchmarks accrue_points and redeem_points as spec/quality.md §1 says: throughput closed-loop at
// 32 connections (autocannon), latency open-loop at a fixed arrival rate (each request timed from
// its scheduled send). Starts the built API and worker on a fresh database; build first
// (`npm run build`). Writes bench/results/<date>-points.json and prints a table.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { printTargets } from './targets-table.mjs';
import { admin, BENCH_ROOT_KEY, benchEnv, callApi, machineFacts, waitReady } from './bench-support.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);
const RATE = Number(process.env.BENCH_RATE ?? 700);
const MEMBERS = 1_000;
const PORT = 3990;
const database = `loyalty_bench_${Date.now()}`;

function startApi() {
  const child = spawn(process.execPath, [join(root, 'dist/apps/api/main.js')], {
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

function closedLoop(method, token, makeBody) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${base}/api/v1.1/${method}`,
        connections: 32,
        duration: DURATION_S,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        requests: [{ setupRequest: (request) => ({ ...request, body: makeBody() }) }],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

/** Sends `rate` requests a second for the duration, each timed from its scheduled instant. */
async function openLoop(method, token, makeBody, rate) {
  const total = rate * DURATION_S;
  const latencies = [];
  let errors = 0;
  const start = performance.now();
  const pending = [];
  for (let index = 0; index < total; index += 1) {
    const scheduled = start + (index * 1000) / rate;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      fetch(`${base}/api/v1.1/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: makeBody(),
      })
        .then(async (response) => {
          await response.arrayBuffer();
          if (response.status !== 200) errors += 1;
        })
        .catch(() => {
          errors += 1;
        })
        .finally(() => latencies.push(performance.now() - scheduled)),
    );
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { requests: total, errors, p50_ms: round(at(0.5)), p99_ms: round(at(0.99)), max_ms: round(latencies.at(-1)) };
}

const round = (value) => Math.round(value * 100) / 100;

async function main() {
  await admin(`create database "${database}"`);
  const api = startApi();
  try {
    await waitReady(`${base}/health/ready`);
    const { token, loyalty_program_id } = await seed();
    const results = {};
    for (const method of ['loyalty/accrue_points', 'loyalty/redeem_points']) {
      const makeBody = bodyFor(loyalty_program_id, method);
      await closedLoop(method, token, makeBody); // warm-up
      const closed = await closedLoop(method, token, makeBody);
      const open = await openLoop(method, token, makeBody, RATE);
      results[method] = {
        closed_loop_32: {
          requests_per_s: closed.requests.average,
          p50_ms: closed.latency.p50,
          p99_ms: closed.latency.p99,
          non_2xx: closed.non2xx,
          errors: closed.errors,
        },
        [`open_loop_${RATE}_per_s`]: open,
      };
    }
    const report = {
      date: new Date().toISOString(),
      ...(await machineFacts()),
      settings: { duration_s: DURATION_S, members: MEMBERS, db_pool_max: process.env.DB_POOL_MAX ?? '20' },
      results,
    };
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    const file = join(root, `bench/results/${report.date.slice(0, 10)}-points-${RATE}rps.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log('\nmethod                  closed-loop req/s  p99 ms   open-loop p50 ms  p99 ms  errors');
    for (const [method, result] of Object.entries(results)) {
      const open = result[`open_loop_${RATE}_per_s`];
      console.log(
        `${method.padEnd(24)}${String(result.closed_loop_32.requests_per_s).padStart(18)}${String(result.closed_loop_32.p99_ms).padStart(8)}` +
          `${String(open.p50_ms).padStart(18)}${String(open.p99_ms).padStart(8)}${String(open.errors + result.closed_loop_32.non_2xx).padStart(8)}`,
      );
    }
    printTargets(
      Object.entries(results).flatMap(([method, result]) => {
        const closed = result.closed_loop_32;
        const open = result[`open_loop_${RATE}_per_s`];
        return [
          {
            what: `${method} closed-loop, 32 connections`,
            target: '≥ 1,000 ops/s',
            value: `${closed.requests_per_s} ops/s, ${closed.non_2xx + closed.errors} errors`,
            met: closed.requests_per_s >= 1000,
          },
          {
            what: `${method} at ${RATE}/s open-loop, p99`,
            target: '≤ 30 ms',
            value: `${open.p99_ms} ms (${open.errors} errors)`,
            met: open.p99_ms <= 30 && open.errors === 0,
          },
        ];
      }),
    );
    console.log(`\nwritten to ${file}`);
  } finally {
    api.kill('SIGTERM');
    await new Promise((resolve) => api.once('exit', resolve));
    await admin(`drop database if exists "${database}" with (force)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
