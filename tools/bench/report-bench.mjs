#!/usr/bin/env node
// Benchmarks loyalty/reports/summary and loyalty/transactions_export (docs/architecture.md,
// "Exports and reports"); not a target of quality.md §1. Starts the built API and worker on a fresh
// database, makes a program with 10 trigger promotions and a tier group over HTTP, then fills
// 100,000 members and 1,000,000 transactions (REPORT_TRANSACTIONS=10000000 for the documented
// 10 M run, ~15 min of fill and fold) spread over 2025 by SQL (generate_series, 1,000,000
// rows a statement; created_at in random order, as back-dated writes would leave it). The
// statement-level triggers append the report deltas while filling; the worker folds them. Then it
// times (median of 3 after a warm-up) the summary of the year by month and of a month by day, the
// same figures aggregated straight from the transactions (what the buckets save), and a one-month
// export with the worker's memory. Build first (`npm run build`).
// BENCH_QUICK=1 (or REPORT_TRANSACTIONS / REPORT_MEMBERS) makes it small: 200,000 rows, 2,000 members.
// BENCH_KEEP_DB=1 keeps the database for a look at the plans.
// Writes bench/results/<date>-report-summary.json and prints a table.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  admin,
  BENCH_ROOT_KEY,
  benchEnv,
  callApi,
  databaseUrl,
  machineFacts,
  memoryOf,
  waitReady,
  writeResult,
} from './bench-support.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const quick = process.env.BENCH_QUICK === '1';
const TRANSACTIONS = Number(process.env.REPORT_TRANSACTIONS ?? (quick ? 200_000 : 1_000_000));
const MEMBERS = Number(process.env.REPORT_MEMBERS ?? (quick ? 2_000 : 100_000));
const BATCH = 1_000_000;
const PORT = 3994;
const WORKER_PORT = 3995;
const stamp = Date.now();
const database = `loyalty_report_bench_${stamp}`;
const redisPrefix = `report-bench-${stamp}`;
const base = `http://127.0.0.1:${PORT}`;
const ZONE = 'Europe/Moscow';

function start(entry, extra) {
  return spawn(process.execPath, [join(root, entry)], {
    env: benchEnv(database, redisPrefix, {
      RATE_LIMIT_PER_MINUTE: '1000000',
      SWEEP_INTERVAL_MS: '1000',
      // The filled ledger is synthetic (redemptions without lots): the worker's invariant check would only scan it.
      LEDGER_CHECK_INTERVAL_MS: '0',
      ...extra,
    }),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

const call = (method, body, token) => callApi(base, method, body, token);

const seconds = (ms) => Math.round(ms / 100) / 10;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(fn, runs = 3) {
  await fn(); // warm-up
  const times = [];
  let last;
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    last = await fn();
    times.push(performance.now() - started);
  }
  return { median_ms: Math.round(median(times)), runs_ms: times.map((ms) => Math.round(ms)), last };
}

async function fill(db, ids) {
  const { accountId, dbId, programId, currencyId, promotionIds, groupId, tierIds } = ids;
  await db.query(
    `insert into profiles (id, account_id, database_id, custom_fields, created_at, updated_at)
     select lpad(to_hex(g), 24, '0'), $1, $2, '{}', now(), now() from generate_series(1, $3) g`,
    [accountId, dbId, MEMBERS],
  );
  await db.query(
    `insert into members (account_id, program_id, profile_id, status, registered_at)
     select $1, $2, lpad(to_hex(g), 24, '0'), 'active', timestamptz '2024-06-01T00:00:00Z' + (g % 500) * interval '1 day'
       from generate_series(1, $3) g order by g`,
    [accountId, programId, MEMBERS],
  );
  await db.query(
    `insert into points_accounts (account_id, member_id, currency_id, active, pending, held, debt, version, frozen)
     select $1, m.id, $2, 0, 0, 0, 0, 0, false from members m where m.program_id = $3 order by m.id`,
    [accountId, currencyId, programId],
  );
  await db.query(
    `insert into member_tier_history (account_id, member_id, group_id, tier_id, reached_at, recorded_at)
     select m.account_id, m.id, $1::bigint, $2::bigint, m.registered_at, m.registered_at from members m where m.program_id = $3
     union all
     select m.account_id, m.id, $1::bigint, $4::bigint, m.registered_at + interval '200 days', m.registered_at from members m
      where m.program_id = $3 and m.id % 10 = 0`,
    [groupId, tierIds[0], programId, tierIds[1]],
  );
  const [{ first_member: firstMember, first_account: firstAccount }] = (
    await db.query(
      `select min(m.id) as first_member, min(a.id) as first_account
         from members m join points_accounts a on a.member_id = m.id where m.program_id = $1`,
      [programId],
    )
  ).rows;
  for (let lo = 1; lo <= TRANSACTIONS; lo += BATCH) {
    const hi = Math.min(TRANSACTIONS, lo + BATCH - 1);
    const started = performance.now();
    await db.query(
      `insert into points_transactions
         (account_id, program_id, member_id, points_account_id, transaction_eid, type, status, amount, balance_before,
          balance_after, promotion_id, source_type, created_at, recorded_at)
       select $1, $2, $3::bigint + g % $5, $4::bigint + g % $5, 'bench-' || g, k.type,
              case when g % 100 = 7 then 'rolled_back' when g % 50 = 3 then 'cancelled' else 'posted' end,
              case when k.type in ('accrual', 'adjustment') then 1 else -1 end * (100 + (g * 7919) % 100000), 0, 0,
              case when k.type in ('accrual', 'redemption') then ($6::bigint[])[1 + g % 10] end, 'bench',
              timestamptz '2024-12-31T21:00:00Z' + ((g * 2654435761) % 31536000000) * interval '1 millisecond', now()
         from generate_series($7::bigint, $8::bigint) g
        cross join lateral (select case when g % 20 < 12 then 'accrual' when g % 20 < 17 then 'redemption'
                                        when g % 20 = 17 then 'expiration' when g % 20 = 18 then 'cancellation'
                                        else 'adjustment' end as type) k`,
      [accountId, programId, firstMember, firstAccount, MEMBERS, promotionIds, lo, hi],
    );
    console.log(`  transactions ${hi.toLocaleString('en')} (${seconds(performance.now() - started)} s)`);
  }
}

async function main() {
  const facts = await machineFacts();
  await admin(`create database "${database}"`);
  const api = start('dist/apps/api/main.js', { PORT: String(PORT), WORKER_PORT: String(WORKER_PORT + 10) });
  let worker;
  const db = new pg.Client({ connectionString: databaseUrl(database) });
  try {
    await waitReady(`${base}/health/ready`);
    await db.connect();
    const account = await call('admin/accounts/create', { name: 'Report bench' }, BENCH_ROOT_KEY);
    const token = account.admin_token;
    const { db_id: dbId } = await call('databases/create', { name: 'Customers' }, token);
    const { loyalty_program_id: programId } = await call(
      'loyalty/programs/create',
      { name: 'Club', external_id: 'club', db_id: dbId, currency: 'RUB', timezone: ZONE },
      token,
    );
    const { points_currency_iid: currencyId } = await call(
      'loyalty/points_currencies/create',
      { loyalty_program_id: programId, name: 'Bonus', external_id: 'bonus', type: 'standard' },
      token,
    );
    await call(
      'loyalty/points_currencies/create',
      { loyalty_program_id: programId, name: 'Status', external_id: 'qp', type: 'qualification' },
      token,
    );
    const { tiers_group_id: groupId } = await call(
      'loyalty/tier_groups/create',
      {
        loyalty_program_id: programId,
        name: 'Status',
        tiers_group_type: 'cumulative',
        points_currency_eid: 'qp',
        tiers: [
          { tier_eid: 'bronze', name: 'Bronze', threshold: '0' },
          { tier_eid: 'silver', name: 'Silver', threshold: '1000' },
        ],
      },
      token,
    );
    const promotionIds = [];
    for (let i = 0; i < 10; i += 1) {
      const { id: promotionId } = await call(
        'loyalty/promotions/create',
        {
          loyalty_program_id: programId,
          type: 'trigger',
          name: `Promo ${i}`,
          external_id: `promo-${i}`,
          is_active: true,
          accrual_rules: [{ points_currency_eid: 'bonus' }],
          redeem_rules: [{ points_currency_eid: 'bonus' }],
        },
        token,
      );
      promotionIds.push(promotionId);
    }
    const tierIds = (
      await db.query('select id from tiers where group_id = $1 order by tier_order', [groupId])
    ).rows.map((row) => Number(row.id));
    console.log(
      `filling ${TRANSACTIONS.toLocaleString('en')} transactions for ${MEMBERS.toLocaleString('en')} members`,
    );
    const fillStarted = performance.now();
    await fill(db, { accountId: account.account_id, dbId, programId, currencyId, promotionIds, groupId, tierIds });
    const fillMs = performance.now() - fillStarted;
    const deltas = Number((await db.query('select count(*) from report_ledger_deltas')).rows[0].count);

    worker = start('dist/apps/worker/main.js', { PORT: String(PORT + 20), WORKER_PORT: String(WORKER_PORT) });
    const foldStarted = performance.now();
    await waitReady(`http://127.0.0.1:${WORKER_PORT}/health/ready`);
    for (;;) {
      const left = Number((await db.query('select count(*) from report_ledger_deltas')).rows[0].count);
      if (left === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const foldMs = performance.now() - foldStarted;
    await db.query('vacuum analyze');
    const buckets = Number(
      (await db.query('select count(*) from report_ledger_buckets where program_id = $1', [programId])).rows[0].count,
    );

    const summary = (date_from, date_to, group_by) =>
      call('loyalty/reports/summary', { loyalty_program_id: programId, date_from, date_to, group_by }, token);
    const yearByMonth = await timed(() => summary('2025-01-01', '2025-12-31', 'month'));
    const monthByDay = await timed(() => summary('2025-03-01', '2025-03-31', 'day'));
    const yearByWeek = await timed(() => summary('2025-01-01', '2025-12-31', 'week'));
    const raggedYear = await timed(() => summary('2025-01-01T00:07:00+03:00', '2025-12-31T23:52:00+03:00', 'month'));
    const direct = await timed(
      () =>
        db.query(
          `select date_trunc('month', t.created_at at time zone $2), a.currency_id, t.type, t.promotion_id, sum(t.amount), count(*)
             from points_transactions t join points_accounts a on a.id = t.points_account_id
            where t.program_id = $1 and t.status in ('posted', 'cancelled')
              and t.created_at >= '2024-12-31T21:00:00Z' and t.created_at < '2025-12-31T21:00:00Z'
            group by 1, 2, 3, 4`,
          [programId, ZONE],
        ),
      1,
    );
    const march = yearByMonth.last.periods[2].currencies.find((c) => c.points_currency_eid === 'bonus');

    const before = memoryOf(worker.pid);
    const samples = [];
    const exportStarted = performance.now();
    const { task_id } = await call(
      'loyalty/transactions_export',
      { loyalty_program_id: programId, points_currency_eid: 'bonus', date_from: '2025-03-01', date_to: '2025-03-31' },
      token,
    );
    let task;
    for (;;) {
      samples.push(memoryOf(worker.pid).rss);
      task = await call('tasks/get', { task_id }, token);
      if (task.status === 'done' || task.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const exportMs = performance.now() - exportStarted;
    const downloadStarted = performance.now();
    const response = await fetch(`${base}/api/v1.1/tasks/download`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ task_id }),
    });
    let downloaded = 0;
    for await (const part of response.body) downloaded += part.length;
    const downloadMs = performance.now() - downloadStarted;
    if (task.status !== 'done' || downloaded !== task.result.bytes) throw new Error(`export: ${JSON.stringify(task)}`);

    const report = {
      date: new Date().toISOString(),
      ...facts,
      settings: { transactions: TRANSACTIONS, members: MEMBERS, promotions: 10, zone: ZONE, quick },
      fill: { seconds: seconds(fillMs), deltas_appended: deltas },
      fold: { seconds: seconds(foldMs), buckets, deltas_per_second: Math.round(deltas / (foldMs / 1000)) },
      summary: {
        year_by_month: { median_ms: yearByMonth.median_ms, runs_ms: yearByMonth.runs_ms },
        month_by_day: { median_ms: monthByDay.median_ms, runs_ms: monthByDay.runs_ms },
        year_by_week: { median_ms: yearByWeek.median_ms, runs_ms: yearByWeek.runs_ms },
        year_by_month_ragged_edges: { median_ms: raggedYear.median_ms, runs_ms: raggedYear.runs_ms },
        direct_aggregation_year_by_month_sql_only: { median_ms: direct.median_ms },
        march_bonus: march,
      },
      export_one_month: {
        rows: task.result.rows,
        bytes: task.result.bytes,
        chunks: task.result.chunks,
        seconds: seconds(exportMs),
        download_seconds: seconds(downloadMs),
        worker_rss_mib: { before: before.rss, max_sampled: Math.max(...samples), peak_hwm: memoryOf(worker.pid).peak },
      },
    };
    const file = writeResult('report-summary', report);
    console.log(`\nfill ${report.fill.seconds} s, fold ${report.fold.seconds} s (${buckets} buckets)`);
    console.log('summary                         median ms');
    for (const [name, value] of Object.entries(report.summary)) {
      if (value?.median_ms !== undefined) console.log(`${name.padEnd(42)}${String(value.median_ms).padStart(8)}`);
    }
    const ex = report.export_one_month;
    console.log(
      `export of March: ${ex.rows} rows, ${ex.bytes} bytes in ${ex.seconds} s (download ${ex.download_seconds} s), ` +
        `worker RSS ${ex.worker_rss_mib.before} → ${ex.worker_rss_mib.max_sampled} MiB`,
    );
    console.log(`\nwritten to ${file}`);
  } finally {
    await db.end().catch(() => undefined);
    for (const child of [worker, api].filter(Boolean)) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    if (process.env.BENCH_KEEP_DB === '1') console.log(`kept database ${database}`);
    else await admin(`drop database if exists "${database}" with (force)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
