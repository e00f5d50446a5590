// Load generation and watching shared by the HTTP benchmarks: a closed loop (autocannon), an open
// loop that times each request from its scheduled send, the outcome classes of spec/api.md §1, and
// `repeat` (a warm-up, then N watched runs and their medians: API memory and CPU, machine CPU
// pressure). Extracted from checkout-bench.mjs so every HTTP benchmark measures the same way.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { memoryOf } from './bench-support.mjs';

export const CONNECTIONS = 32;

export const round = (value, digits = 2) => (value == null ? null : Math.round(value * 10 ** digits) / 10 ** digits);
export const median = (values) => {
  const sorted = values.filter((value) => value != null).sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.floor(sorted.length / 2)];
};
export const log = (...args) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...args);

/** CPU seconds a process has used (user + system). */
function cpuSecondsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** The machine's busy and total jiffies (all CPUs) and the CPU pressure stall total (µs). */
function machineCpu() {
  const [line] = readFileSync('/proc/stat', 'utf8').split('\n');
  const values = line.split(/\s+/).slice(1).map(Number);
  const idle = values[3] + values[4];
  const total = values.reduce((sum, value) => sum + value, 0);
  let stall = null;
  try {
    stall = Number(/some .*total=(\d+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))[1]);
  } catch {
    // no PSI on this kernel
  }
  return { busy: total - idle, total, stall, at: performance.now() };
}

/**
 * Watches a run: API memory every 250 ms, and the machine's CPU use, the CPU pressure (share of
 * wall time some task waited for a CPU) and the API's own CPU time between start and stop.
 */
export function watch(pid) {
  const samples = [];
  const cpuBefore = machineCpu();
  const apiCpuBefore = cpuSecondsOf(pid);
  const timer = setInterval(() => samples.push(memoryOf(pid).rss), 250);
  return () => {
    clearInterval(timer);
    const cpuAfter = machineCpu();
    const wallMs = cpuAfter.at - cpuBefore.at;
    const apiCpu = cpuSecondsOf(pid);
    const memory = memoryOf(pid);
    const rss = samples.filter((value) => value != null);
    return {
      api_rss_max_mb: rss.length ? Math.max(...rss) : memory.rss,
      api_rss_peak_mb: memory.peak,
      api_cpu_s: apiCpu !== null && apiCpuBefore !== null ? round(apiCpu - apiCpuBefore) : null,
      machine_busy_percent: round(((cpuAfter.busy - cpuBefore.busy) / (cpuAfter.total - cpuBefore.total)) * 100, 1),
      cpu_pressure_some_percent:
        cpuAfter.stall !== null ? round(((cpuAfter.stall - cpuBefore.stall) / 1000 / wallMs) * 100, 1) : null,
      loadavg_1m: round(loadavg()[0]),
    };
  };
}

export const agent = new http.Agent({ keepAlive: true, maxSockets: 1_024 });

/** One POST; answers the status and, unless `skipBody` and 200, the parsed body. */
export function post(url, token, body, { skipBody = false } = {}) {
  return new Promise((resolvePost, reject) => {
    const payload = typeof body === 'string' ? body : JSON.stringify(body);
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          authorization: `Bearer ${token}`,
        },
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          if (skipBody && response.statusCode === 200) return resolvePost({ status: 200, body: null });
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed = null;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = { raw: text.slice(0, 200) };
          }
          resolvePost({ status: response.statusCode, body: parsed });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/** Business errors (spec/api.md §1): a refusal about the cart or the member, not a failure. */
export const BUSINESS = new Set([
  'INSUFFICIENT_POINTS',
  'PROMOTION_NOT_APPLICABLE',
  'LIMIT_REACHED',
  'PREORDER_STALE',
  'ORDER_ALREADY_COMMITTED',
  'PROMO_CODE_INVALID',
  'BUSY',
]);

export function classify(status, body) {
  if (status === 200) return 'ok';
  const code = body?.error_code;
  return code && BUSINESS.has(code) ? `business:${code}` : `error:${status}:${code ?? 'none'}`;
}

export const countOf = (outcomes, prefix) =>
  Object.entries(outcomes).reduce((sum, [key, count]) => sum + (key.startsWith(prefix) ? count : 0), 0);

/**
 * Closed loop (autocannon, 32 connections): `next()` gives each request's body. With `classifyErrors`
 * the answers are read to sort failures into business errors and others.
 */
export function closedLoop(url, token, next, durationS, { classifyErrors = true } = {}) {
  const outcomes = {};
  return new Promise((resolveLoop, reject) => {
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: durationS,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        requests: [
          {
            setupRequest: (request) => ({ ...request, body: next() }),
            ...(classifyErrors
              ? {
                  onResponse: (status, body) => {
                    let parsed = null;
                    if (status !== 200) {
                      try {
                        parsed = JSON.parse(body);
                      } catch {
                        parsed = null;
                      }
                    }
                    const key = classify(status, parsed);
                    outcomes[key] = (outcomes[key] ?? 0) + 1;
                  },
                }
              : {}),
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        if (result.timeouts > 0) outcomes['error:timeout'] = (outcomes['error:timeout'] ?? 0) + result.timeouts;
        resolveLoop({
          requests_per_s: round(result.requests.total / result.duration, 1),
          requests: result.requests.total,
          ok_per_s: classifyErrors ? round((outcomes.ok ?? 0) / result.duration, 1) : null,
          p50_ms: result.latency.p50,
          p99_ms: result.latency.p99,
          non_2xx: result.non2xx,
          socket_errors: result.errors,
          timeouts: result.timeouts,
          outcomes: classifyErrors ? outcomes : { ok: result['2xx'], non_2xx: result.non2xx },
        });
      },
    );
  });
}

/**
 * Requests in flight past which an open loop stops sending: the API has fallen 100 ms of requests
 * behind (at least 32 in flight), so no open-loop latency target (p99 ≤ 20–50 ms) can be met any
 * more. A lower limit only shortens the backlog the API still has to work off after the run.
 */
export const saturationLimit = (rate) => Math.max(32, Math.ceil(rate / 10));
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Open loop: request i is due at start + i/rate and is timed from that instant, whether or not
 * the API kept up (no coordinated omission). Bodies are made before the run. When the API falls
 * so far behind that more than 100 ms of requests are in flight, the loop stops sending: the unsent
 * requests count as infinitely late (so a saturated p99 reads as null, "saturated"), instead of
 * piling up a backlog that takes minutes to drain and skews the next run.
 */
export async function openLoop(url, token, bodies, rate) {
  const total = bodies.length;
  const latencies = new Float64Array(total).fill(Number.POSITIVE_INFINITY);
  const outcomes = {};
  const start = performance.now() + 20;
  const pending = [];
  let inFlight = 0;
  let sent = 0;
  for (let index = 0; index < total; index += 1) {
    const scheduled = start + (index * 1000) / rate;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((resolveWait) => setTimeout(resolveWait, wait));
    if (inFlight > saturationLimit(rate)) break;
    inFlight += 1;
    sent += 1;
    pending.push(
      withTimeout(post(url, token, bodies[index], { skipBody: true }), REQUEST_TIMEOUT_MS)
        .then(
          ({ status, body }) => classify(status, body),
          (error) => `error:socket:${error.code ?? error.message}`,
        )
        .then((key) => {
          inFlight -= 1;
          outcomes[key] = (outcomes[key] ?? 0) + 1;
          if (!key.startsWith('error:socket')) latencies[index] = performance.now() - scheduled;
        }),
    );
  }
  const sendLagMs = performance.now() - (start + ((sent - 1) * 1000) / rate);
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort();
  const at = (q) => {
    const value = latencies[Math.min(total - 1, Math.floor(q * total))];
    return Number.isFinite(value) ? round(value) : null;
  };
  if (sent < total) outcomes.not_sent_saturated = total - sent;
  return {
    rate,
    requests: total,
    sent,
    saturated: sent < total,
    achieved_per_s: round((sent - countOf(outcomes, 'error:socket')) / elapsed, 1),
    p50_ms: at(0.5),
    p90_ms: at(0.9),
    p99_ms: at(0.99),
    max_ms: at(1),
    generator_send_lag_ms: round(sendLagMs),
    outcomes,
  };
}

export function withTimeout(promise, ms) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Waits until the API has no statement running or transaction open in the bench database (at
 * most two minutes), so that requests an overloaded run left behind (the client gave up, the API
 * did not) do not weigh on the next run. Answers the seconds it took.
 */
export async function drain(query) {
  const started = performance.now();
  for (let quiet = 0; quiet < 3 && performance.now() - started < 120_000; ) {
    const [{ busy }] = await query(
      `select count(*)::int as busy from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'`,
    );
    quiet = busy === 0 ? quiet + 1 : 0;
    await new Promise((resolveWait) => setTimeout(resolveWait, 250));
  }
  return round((performance.now() - started) / 1000 - 0.75, 1);
}

/**
 * A warm-up, then `runs` runs of `run`, each watched (the process `pid`) after the database has
 * drained (`query` runs SQL on the bench database); answers every run and the medians.
 */
export async function repeat(name, run, warmup, { runs: count, pid, query }) {
  await drain(query);
  if (warmup) {
    log(`${name}: warm-up`);
    await warmup();
  }
  const runs = [];
  for (let index = 0; index < count; index += 1) {
    const drained = await drain(query);
    const done = watch(pid);
    const result = await run(index);
    const watched = done();
    if (drained > 0.5) result.drained_before_s = drained;
    const answered = result.requests_per_s != null ? result.requests : result.sent;
    runs.push({
      ...result,
      ...watched,
      api_cpu_ms_per_request:
        watched.api_cpu_s != null && answered ? round((watched.api_cpu_s * 1000) / answered, 2) : null,
    });
    log(`${name}: run ${index + 1}: ${JSON.stringify(summaryOf(runs.at(-1)))}`);
  }
  // A latency that is null (the open loop saturated) counts as infinitely late in the median.
  const keys = [...new Set(runs.flatMap((run) => Object.keys(run)))].filter((key) =>
    runs.some((run) => typeof run[key] === 'number' || (run[key] === null && key.endsWith('_ms'))),
  );
  const medians = Object.fromEntries(
    keys.map((key) => {
      const value = median(
        runs.map((run) => (run[key] === null && key.endsWith('_ms') ? Number.POSITIVE_INFINITY : run[key])),
      );
      return [key, Number.isFinite(value) ? value : null];
    }),
  );
  medians.saturated_runs = runs.filter((run) => run.saturated).length;
  const outcomes = {};
  for (const run of runs)
    for (const [key, count] of Object.entries(run.outcomes ?? {})) outcomes[key] = (outcomes[key] ?? 0) + count;
  return { median: medians, outcomes_all_runs: outcomes, runs };
}

export function summaryOf(run) {
  const keep = [
    'requests_per_s',
    'ok_per_s',
    'achieved_per_s',
    'saturated',
    'p50_ms',
    'p99_ms',
    'api_cpu_ms_per_request',
    'api_rss_max_mb',
    'cpu_pressure_some_percent',
  ];
  return Object.fromEntries(Object.entries(run).filter(([key, value]) => keep.includes(key) && value != null));
}
