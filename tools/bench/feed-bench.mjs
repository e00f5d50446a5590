#!/usr/bin/env node
// Benchmarks market/products/feed_import (issue: 100,000-product YML and CSV feeds in ≤ 60 s with
// flat memory): starts the built API and worker on a fresh database, generates both feeds with
// tools/generate-feed.mjs, serves them over local HTTP, imports each by url and times the task.
// The worker's resident memory is read from /proc (VmRSS sampled, VmHWM = peak). Build first
// (`npm run build`). Writes bench/results/<date>-feed-import.json and prints a table.
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  admin,
  BENCH_ROOT_KEY,
  benchEnv,
  callApi,
  machineFacts,
  memoryOf,
  waitReady,
  writeResult,
} from './bench-support.mjs';
import { printTargets } from './targets-table.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const COUNT = Number(process.env.FEED_COUNT ?? 100_000);
const PORT = 3992;
const WORKER_PORT = 3993;
const database = `loyalty_feed_bench_${Date.now()}`;
const redisPrefix = `feed-bench-${Date.now()}`;
const base = `http://127.0.0.1:${PORT}`;

function start(entry, extra) {
  return spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []),
      join(root, entry),
    ],
    {
      env: benchEnv(database, redisPrefix, { ALLOW_PRIVATE_URLS: 'true', ...extra }),
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
}

const call = (method, body, token) => callApi(base, method, body, token);

async function importFeed(token, format, url, workerPid) {
  const before = memoryOf(workerPid);
  const samples = [];
  const started = performance.now();
  const { task_id } = await call('market/products/feed_import', { format, url }, token);
  for (;;) {
    samples.push(memoryOf(workerPid).rss);
    const task = await call('tasks/get', { task_id }, token);
    if (task.status === 'done' || task.status === 'failed') {
      const seconds = (performance.now() - started) / 1000;
      const after = memoryOf(workerPid);
      return {
        status: task.status,
        seconds: Math.round(seconds * 10) / 10,
        result: task.result,
        errors: task.errors,
        worker_rss_mib: {
          before: before.rss,
          max_sampled: Math.max(...samples),
          after: after.rss,
          peak_hwm: after.peak,
        },
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'feed-bench-'));
  const files = {};
  for (const format of ['yml', 'csv']) {
    files[format] = join(dir, `feed.${format}`);
    execFileSync(process.execPath, [
      join(root, 'tools/generate-feed.mjs'),
      '--format',
      format,
      '--count',
      String(COUNT),
      '--out',
      files[format],
    ]);
  }
  const http = createServer((request, response) => {
    const file = files[request.url.slice(1)];
    if (!file) return response.writeHead(404).end();
    response.writeHead(200, { 'content-length': statSync(file).size });
    createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  const feedBase = `http://127.0.0.1:${http.address().port}`;
  await admin(`create database "${database}"`);
  const api = start('dist/apps/api/main.js', { PORT: String(PORT), WORKER_PORT: String(WORKER_PORT + 10) });
  let worker;
  try {
    await waitReady(`${base}/health/ready`);
    worker = start('dist/apps/worker/main.js', { PORT: String(PORT + 20), WORKER_PORT: String(WORKER_PORT) });
    await waitReady(`http://127.0.0.1:${WORKER_PORT}/health/ready`);
    const account = await call('admin/accounts/create', { name: 'Feed bench' }, BENCH_ROOT_KEY);
    const token = account.admin_token;
    await call('market/currencies/create', { code: 'RUB' }, token);
    for (const entity_type of ['product', 'sku']) {
      for (const field of ['color', 'size', 'material']) {
        await call(
          'market/custom_fields/create',
          { external_id: field, name: field, entity_type, value_type: 'string' },
          token,
        );
      }
    }
    const results = {};
    for (const format of ['yml', 'csv']) {
      results[format] = {
        bytes: statSync(files[format]).size,
        ...(await importFeed(token, format, `${feedBase}/${format}`, worker.pid)),
      };
    }
    const report = {
      date: new Date().toISOString(),
      ...(await machineFacts()),
      settings: { records: COUNT },
      target: 'each feed imported in ≤ 60 s with flat worker memory',
      results,
    };
    const file = writeResult('feed-import', report);
    console.log('\nfeed  bytes       status  seconds  products  skus    worker RSS MiB before → peak');
    for (const [format, r] of Object.entries(results)) {
      console.log(
        `${format.padEnd(6)}${String(r.bytes).padEnd(12)}${r.status.padEnd(8)}${String(r.seconds).padStart(7)}  ` +
          `${String(r.result?.products ?? '-').padEnd(10)}${String(r.result?.skus ?? '-').padEnd(8)}` +
          `${r.worker_rss_mib.before} → ${r.worker_rss_mib.peak_hwm} (${r.seconds <= 60 ? 'met' : 'missed'})`,
      );
    }
    printTargets(
      Object.entries(results).map(([format, r]) => ({
        what: `catalog feed import, ${format}, ${COUNT} offers`,
        target: '≤ 60 s, memory flat',
        value: `${r.seconds} s (${r.status}), worker RSS ${r.worker_rss_mib.before} → ${r.worker_rss_mib.peak_hwm} MiB`,
        met: r.status === 'done' && r.seconds <= 60,
      })),
    );
    console.log(`\nwritten to ${file}`);
  } finally {
    for (const child of [worker, api].filter(Boolean)) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    http.close();
    rmSync(dir, { recursive: true, force: true });
    await admin(`drop database if exists "${database}" with (force)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
