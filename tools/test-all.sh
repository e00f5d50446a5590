#!/usr/bin/env bash
# `npm test`: formatting, types, lint, unit, integration and end-to-end tests of every project, then
# the benchmarks' quick smoke (spec/quality.md §1: it fails on errors and broken invariants, never
# on timing; each benchmark counts as one test).
# Needs PostgreSQL and Redis (DATABASE_URL / REDIS_URL, defaults on 127.0.0.1). Always ends with
# one line "N passed, N failed" summing every test that ran; exits non-zero if anything failed.
set -u
cd "$(dirname "$0")/.."
export NX_DAEMON="${NX_DAEMON:-false}" NX_NO_CLOUD=true TZ=UTC
rm -rf tmp/jest-counts
status=0
step() {
  echo "── $*"
  "$@" || status=1
}
step npx prettier --check --log-level warn .
step npx tsc -p tsconfig.check.json
# --skip-nx-cache: a cached result would replay its output without counting its tests.
step npx nx run-many -t lint test test-int e2e --skip-nx-cache --output-style=stream-without-prefixes
# The e2e target has built dist/apps/api and dist/apps/worker, which the benchmarks start.
step env BENCH_QUICK=1 BENCH_COUNTS_FILE=tmp/jest-counts/bench-smoke.json node tools/bench/run-all.mjs
node tools/test-summary.cjs || status=1
exit "$status"
