#!/usr/bin/env node
// `npm run bench`: every benchmark of spec/quality.md §1, one after another, each on its own fresh
// database (points, feed import, the pure checkout calculation, checkout over HTTP, expiry on the
// worker, reports, scenario runs). Build first.
//
// BENCH_QUICK=1 is the short smoke version: the checkout benchmarks shrink themselves (see their
// headers), and the older ones get short settings through their own variables (3 s runs for
// points, a 5,000-product feed) unless those are set already. A benchmark fails only on errors
// and broken invariants, never on timing; the runner goes on after a failure and exits non-zero
// at the end. BENCH_ONLY=checkout,price-cart runs a subset. Quick results go to tmp/bench-quick
// (BENCH_RESULTS_DIR overrides). BENCH_COUNTS_FILE=<path> also writes {passed, failed} there, one
// per benchmark, so `npm test` counts the smoke with its tests (tools/test-summary.cjs).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTargets } from './targets-table.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const quick = process.env.BENCH_QUICK === '1';
const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());

const benches = [
  { name: 'points', script: 'points-bench.mjs', quickEnv: { BENCH_DURATION_S: '3' } },
  { name: 'feed', script: 'feed-bench.mjs', quickEnv: { FEED_COUNT: '5000' } },
  { name: 'price-cart', script: 'price-cart-bench.mjs', quickEnv: {} },
  { name: 'checkout', script: 'checkout-bench.mjs', quickEnv: {} },
  { name: 'expiry', script: 'expiry-bench.mjs', quickEnv: {} },
  { name: 'report', script: 'report-bench.mjs', quickEnv: {} },
  { name: 'scenarios', script: 'scenario-bench.mjs', quickEnv: {} },
];

const targetsFile = join(tmpdir(), `bench-targets-${process.pid}.jsonl`);

const root = join(here, '../..');

function run(bench) {
  const env = { ...process.env, BENCH_TARGETS_FILE: targetsFile };
  if (quick) env.BENCH_RESULTS_DIR ??= join(root, 'tmp/bench-quick');
  if (quick) for (const [name, value] of Object.entries(bench.quickEnv)) env[name] ??= value;
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [join(here, bench.script)], { env, stdio: 'inherit' });
    child.once('exit', (code, signal) => resolveRun(code ?? (signal ? 1 : 0)));
  });
}

const failed = [];
const passed = [];
const durations = [];
const startedAt = performance.now();
for (const bench of benches.filter((candidate) => !only || only.includes(candidate.name))) {
  console.log(`\n=== ${bench.name} (${bench.script})${quick ? ' [quick]' : ''} ===\n`);
  const benchStartedAt = performance.now();
  const code = await run(bench);
  durations.push(`${bench.name} ${Math.round((performance.now() - benchStartedAt) / 1000)} s`);
  if (code !== 0) failed.push(`${bench.name} (exit ${code})`);
  else passed.push(bench.name);
}
if (process.env.BENCH_COUNTS_FILE) {
  mkdirSync(dirname(process.env.BENCH_COUNTS_FILE), { recursive: true });
  writeFileSync(process.env.BENCH_COUNTS_FILE, JSON.stringify({ passed: passed.length, failed: failed.length }));
}
console.log(`\n=== every target of this run ===`);
printTargets(
  existsSync(targetsFile)
    ? readFileSync(targetsFile, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
        // the checkout benchmark repeats the price-cart rows from their file, tagged [<file>]
        .filter((row) => !/ \[[^\]]+\.json\]$/.test(row.what))
    : [],
);
rmSync(targetsFile, { force: true });
console.log(`\n${durations.join(', ')}; total ${Math.round((performance.now() - startedAt) / 60_000)} min`);
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exit(1);
}
