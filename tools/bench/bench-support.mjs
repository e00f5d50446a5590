// What the benchmark scripts share: the PostgreSQL server they use, admin statements on it,
// waiting for a process to be ready, and the machine facts every report carries.
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import pg from 'pg';

export const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/loyalty');

/** Runs `sql` on the server's `postgres` database (create and drop databases, read the version). */
export async function admin(sql) {
  const url = new URL(server);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

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
