// What the benchmark scripts share: the PostgreSQL server they use, admin statements on it,
// waiting for a process to be ready, and the machine facts every report carries.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg, totalmem } from 'node:os';
import pg from 'pg';
import ts from 'typescript';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

export const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/loyalty');

/** A function that runs one statement on `database` over a connection of its own and answers the rows. */
export function queryOn(database) {
  return async (sql, params = []) => {
    const client = new pg.Client({ connectionString: databaseUrl(database) });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
}

/** Runs `sql` on the server's `postgres` database (create and drop databases, read the version). */
export const admin = (sql) => queryOn('postgres')(sql);

/** The server's URL for `database`. */
export function databaseUrl(database) {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Polls `url` until it answers 200 (a minute at most). */
export async function waitReady(url) {
  for (let attempt = 0; attempt < 120; attempt += 1) {
    const status = await fetch(url).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} not ready`);
}

export async function machineFacts() {
  const [{ version }] = await admin('select version()');
  return {
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memory_gb: Math.round(totalmem() / 2 ** 30),
      loadavg: loadavg(),
    },
    versions: { node: process.version, postgres: version },
  };
}

export const BENCH_ROOT_KEY = 'bench-root-key-0123456789';

/** The environment a benchmark starts the API and the worker with (rate limits out of the way). */
export function benchEnv(database, redisPrefix, extra = {}) {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl(database),
    ROOT_API_KEY: BENCH_ROOT_KEY,
    QUOTE_SECRET: 'bench-quote-secret-0123456789',
    REDIS_PREFIX: redisPrefix,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    ...extra,
  };
}

/** POSTs one API method; answers its `data` (or `result`), throws on an error envelope. */
export async function callApi(base, method, body, token) {
  const response = await fetch(`${base}/api/v1.1/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (answer.error !== 0) throw new Error(`${method}: ${JSON.stringify(answer)}`);
  return answer.result ?? answer.data;
}

/** The kernel's CPU pressure line (how much other work competed for the cores), or null where there is none. */
export function cpuPressure() {
  try {
    return readFileSync('/proc/pressure/cpu', 'utf8').trim();
  } catch {
    return null;
  }
}

/** The p-th percentile of ascending `sorted` values (nearest rank). */
export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * Where result files go: bench/results, or BENCH_RESULTS_DIR (`npm test` runs the quick smoke with
 * tmp/bench-quick, so a test run never touches the committed results).
 */
export const resultsDir = process.env.BENCH_RESULTS_DIR ?? join(repositoryRoot, 'bench/results');

/** Writes `report` as `<results>/<date>-<name>[-quick].json` and answers the file's path. */
export function writeResult(name, report, { quick = process.env.BENCH_QUICK === '1' } = {}) {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${report.date.slice(0, 10)}-${name}${quick ? '-quick' : ''}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

/**
 * Counts the rows breaking each ledger invariant on `database` with the rules the worker's gauge
 * and the tests use (libs/shared/platform/src/database/ledger-invariants.ts, a file of constants
 * without imports, transpiled here); answers only the rules that are broken.
 */
export async function ledgerViolations(database) {
  const source = readFileSync(join(repositoryRoot, 'libs/shared/platform/src/database/ledger-invariants.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext } });
  const { LEDGER_INVARIANTS } = await import(`data:text/javascript,${encodeURIComponent(outputText)}`);
  const query = queryOn(database);
  const broken = {};
  for (const { rule, violationsSql } of LEDGER_INVARIANTS) {
    const [{ violations }] = await query(`select count(*)::int as violations from (${violationsSql}) as broken`);
    if (violations > 0) broken[rule] = violations;
  }
  return broken;
}

/** Throws when the ledger of `database` breaks an invariant (a benchmark fails on that, never on timing). */
export async function assertLedgerSound(database) {
  const broken = await ledgerViolations(database);
  if (Object.keys(broken).length > 0) throw new Error(`ledger invariants broken: ${JSON.stringify(broken)}`);
  console.log('ledger invariants hold');
}

/** Resident memory of a process in MiB (VmRSS now, VmHWM the peak so far). */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => Math.round(Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)[1]) / 1024);
    return { rss: field('VmRSS'), peak: field('VmHWM') };
  } catch {
    return { rss: null, peak: null };
  }
}

/** Stops a child process: SIGTERM, then SIGKILL after 30 s; resolves once it has exited. */
export async function stopProcess(child) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}
