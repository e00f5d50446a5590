import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { inheritedEnvironment } from '@loyalty/platform';
import { TEST_ROOT_KEY } from './test-config';
import { createTestDatabase, TestDatabase } from './test-database';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueRedisPrefix } from './test-redis';

const WORKSPACE_ROOT = join(__dirname, '../../../..');

export interface ApiAnswer<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

/** One whole line a process of the stack wrote. */
export interface LogLine {
  process: 'api' | 'worker';
  stream: 'stdout' | 'stderr';
  line: string;
}

export interface E2eStackOptions {
  /** A password in the processes' DATABASE_URL (the test server trusts every connection, so any password works). */
  databasePassword?: string;
}

export interface E2eStack {
  apiUrl: string;
  workerUrl: string;
  rootKey: string;
  database: TestDatabase;
  /** Sends `signal` to the API process and resolves with its exit code (or signal) once it has exited. */
  signalApi(signal: NodeJS.Signals): Promise<number | NodeJS.Signals | null>;
  /** Sends `signal` to the worker process and resolves with its exit code (or signal) once it has exited. */
  signalWorker(signal: NodeJS.Signals): Promise<number | NodeJS.Signals | null>;
  /** Starts the worker again (after `signalWorker`) on its port and waits until it is ready. */
  restartWorker(): Promise<void>;
  /** Starts the API again (after `signalApi`) on its port and waits until it is ready. */
  restartApi(): Promise<void>;
  /** The REDIS_PREFIX the API and the worker run with (BullMQ keys are under `<prefix>:bull`). */
  redisPrefix: string;
  /** The last lines the first API and worker wrote (LOG_LEVEL warn: warnings and errors), to explain a failure. */
  recentLogs(): string;
  /** Every line every API and worker process of the stack wrote to stdout and stderr, restarts and replicas included. */
  allLogLines(): LogLine[];
  /**
   * Starts one more API and worker on the same database and Redis prefix (a scale-out replica);
   * `stop` stops it with the rest.
   */
  addReplica(): Promise<E2eReplica>;
  /** POSTs JSON to `/api/v1.1/<method>` with the bearer token. */
  call<T = Record<string, unknown>>(
    method: string,
    body: unknown,
    token?: string,
    headers?: Record<string, string>,
  ): Promise<ApiAnswer<T>>;
  stop(): Promise<void>;
}

/** Another API and worker process of the same stack. */
export interface E2eReplica {
  apiUrl: string;
  workerUrl: string;
  call: E2eStack['call'];
}

/** A fetch response as text, and as JSON when it is JSON (null otherwise). */
export async function readAnswer<T = unknown>(response: Response): Promise<ApiAnswer<T>> {
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: response.status, headers: response.headers, text, body: body as T };
}

/** A TCP port free on 127.0.0.1 at the time of asking. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const API_SCRIPT = 'dist/apps/api/main.js';
const WORKER_SCRIPT = 'dist/apps/worker/main.js';

/** Starts `script`; keeps its last 200 chunks in `logs` and every whole line in `transcript`. */
function startProcess(script: string, env: NodeJS.ProcessEnv, logs: string[], transcript: LogLine[]): ChildProcess {
  const child = spawn(process.execPath, [join(WORKSPACE_ROOT, script)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const name = script === WORKER_SCRIPT ? 'worker' : 'api';
  for (const stream of ['stdout', 'stderr'] as const) {
    let partial = '';
    child[stream]?.setEncoding('utf8');
    child[stream]?.on('data', (chunk: string) => {
      logs.push(chunk);
      if (logs.length > 200) logs.shift();
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) transcript.push({ process: name, stream, line });
    });
    child[stream]?.on('end', () => {
      if (partial !== '') transcript.push({ process: name, stream, line: partial });
    });
  }
  return child;
}

async function waitUntilReady(url: string, child: ChildProcess, logs: string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}:\n${logs.join('')}`);
    try {
      if ((await fetch(`${url}/health/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms:\n${logs.join('')}`);
}

async function signalProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<number | NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode ?? child.signalCode;
  const exited = once(child, 'exit');
  child.kill(signal);
  const [code, signalCode] = (await exited) as [number | null, NodeJS.Signals | null];
  return code ?? signalCode;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await once(child, 'exit');
  clearTimeout(timer);
}

/**
 * Starts the API and the worker on free ports. A port found free can be taken by another test
 * process before ours binds it; then the start is tried again on other ports.
 */
async function startProcesses(
  env: NodeJS.ProcessEnv,
  transcript: LogLine[],
): Promise<{
  api: ChildProcess;
  worker: ChildProcess;
  apiUrl: string;
  workerUrl: string;
  env: NodeJS.ProcessEnv;
  logs: string[];
}> {
  for (let attempt = 1; ; attempt += 1) {
    const [apiPort, workerPort] = [await freePort(), await freePort()];
    const processEnv = { ...env, PORT: String(apiPort), WORKER_PORT: String(workerPort) };
    const logs: string[] = [];
    const api = startProcess(API_SCRIPT, processEnv, logs, transcript);
    const worker = startProcess(WORKER_SCRIPT, processEnv, logs, transcript);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const workerUrl = `http://127.0.0.1:${workerPort}`;
    try {
      await waitUntilReady(apiUrl, api, logs);
      await waitUntilReady(workerUrl, worker, logs);
      return { api, worker, apiUrl, workerUrl, env: processEnv, logs };
    } catch (error) {
      await Promise.all([stopProcess(api), stopProcess(worker)]);
      if (attempt >= 3 || !logs.join('').includes('EADDRINUSE')) throw error;
    }
  }
}

/** POSTs JSON to `<apiUrl>/api/v1.1/<method>` with the bearer token. */
function callAt(apiUrl: string): E2eStack['call'] {
  return async (method, body, token, headers = {}) => {
    const response = await fetch(`${apiUrl}/api/v1.1/${method}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return readAnswer(response);
  };
}

/**
 * Starts the built API and worker (`dist/apps/*`) as they run in production, on a database and
 * Redis prefix of their own, with TEST_CLOCK on. Build them first (`nx run-many -t build`).
 */
export async function startE2eStack(
  label: string,
  env: Record<string, string> = {},
  options: E2eStackOptions = {},
): Promise<E2eStack> {
  const database = await createTestDatabase(label);
  const databaseUrl = new URL(database.url);
  if (options.databasePassword !== undefined) databaseUrl.password = options.databasePassword;
  const redisPrefix = uniqueRedisPrefix(label);
  const baseEnv: NodeJS.ProcessEnv = {
    PATH: inheritedEnvironment()['PATH'],
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    ROOT_API_KEY: TEST_ROOT_KEY,
    QUOTE_SECRET: 'e2e-quote-secret-0123456789',
    LOG_LEVEL: 'warn',
    TEST_CLOCK: 'true',
    ALLOW_PRIVATE_URLS: 'true',
    DB_MIGRATE: 'auto',
    ...env,
  };
  const transcript: LogLine[] = [];
  const started = await startProcesses(baseEnv, transcript);
  const { apiUrl, workerUrl } = started;
  let { api, worker } = started;
  const replicas: Array<Awaited<ReturnType<typeof startProcesses>>> = [];
  return {
    apiUrl,
    workerUrl,
    rootKey: TEST_ROOT_KEY,
    database,
    redisPrefix,
    signalApi: (signal) => signalProcess(api, signal),
    signalWorker: (signal) => signalProcess(worker, signal),
    async restartWorker() {
      const logs: string[] = [];
      worker = startProcess(WORKER_SCRIPT, started.env, logs, transcript);
      await waitUntilReady(workerUrl, worker, logs);
    },
    async restartApi() {
      const logs: string[] = [];
      api = startProcess(API_SCRIPT, started.env, logs, transcript);
      await waitUntilReady(apiUrl, api, logs);
    },
    call: callAt(apiUrl),
    recentLogs: () => started.logs.join(''),
    allLogLines: () => [...transcript],
    async addReplica() {
      const replica = await startProcesses(started.env, transcript);
      replicas.push(replica);
      return { apiUrl: replica.apiUrl, workerUrl: replica.workerUrl, call: callAt(replica.apiUrl) };
    },
    async stop() {
      const processes = replicas.flatMap((replica) => [replica.api, replica.worker]);
      await Promise.all([stopProcess(api), stopProcess(worker), ...processes.map(stopProcess)]);
      await database.drop();
      await deleteRedisPrefix(redisPrefix);
    },
  };
}
