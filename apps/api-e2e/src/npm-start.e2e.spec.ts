import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueRedisPrefix } from '@loyalty/testing';

const root = join(__dirname, '../../..');
const serverUrl = new URL(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/loyalty');

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

async function sql(database: string, text: string): Promise<unknown[]> {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

async function ready(url: string, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    const status = await fetch(url).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/** The README's first command: `npm start` creates the database, migrates, and serves the API and the worker. */
describe('npm start', () => {
  const databaseName = `loyalty_t_npmstart_${Date.now()}`;
  const redisPrefix = uniqueRedisPrefix('npmstart');
  let start: ChildProcess;

  afterAll(async () => {
    if (start && start.exitCode === null) start.kill('SIGKILL');
    await sql('postgres', `drop database if exists "${databaseName}" with (force)`);
    await deleteRedisPrefix(redisPrefix);
  });

  /** Runs `npm start`'s script until both processes are ready; ports taken meanwhile by other tests mean a new try. */
  async function launch(): Promise<{ port: number; workerPort: number }> {
    const databaseUrl = new URL(serverUrl);
    databaseUrl.pathname = `/${databaseName}`;
    for (let attempt = 1; ; attempt += 1) {
      const [port, workerPort] = [await freePort(), await freePort()];
      const output: string[] = [];
      start = spawn(process.execPath, [join(root, 'tools/start.mjs')], {
        cwd: root,
        env: {
          PATH: process.env['PATH'],
          DATABASE_URL: databaseUrl.toString(),
          REDIS_URL: TEST_REDIS_URL,
          REDIS_PREFIX: redisPrefix,
          ROOT_API_KEY: 'npm-start-root-key-0123',
          QUOTE_SECRET: 'npm-start-quote-secret-0123',
          PORT: String(port),
          WORKER_PORT: String(workerPort),
          LOG_LEVEL: 'warn',
          SKIP_BUILD: 'true',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      start.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      start.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      const deadline = Date.now() + 90_000;
      if (
        (await ready(`http://127.0.0.1:${port}/health/ready`, deadline)) &&
        (await ready(`http://127.0.0.1:${workerPort}/health/ready`, deadline))
      ) {
        return { port, workerPort };
      }
      if (start.exitCode === null) start.kill('SIGKILL');
      if (attempt >= 3 || !output.join('').includes('EADDRINUSE')) {
        throw new Error(`npm start did not become ready:\n${output.join('')}`);
      }
    }
  }

  it('brings /health/ready to 200 on a database it creates, and stops both processes on SIGTERM', async () => {
    const { port } = await launch();
    const migrationFiles = readdirSync(join(root, 'libs/database/src/migrations')).filter((file) =>
      file.endsWith('.ts'),
    );
    expect(await sql(databaseName, 'select name from mikro_orm_migrations')).toHaveLength(migrationFiles.length);

    const docs = await fetch(`http://127.0.0.1:${port}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');

    const exited = once(start, 'exit');
    start.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(
      await fetch(`http://127.0.0.1:${port}/health/live`).then(
        () => 'up',
        () => 'down',
      ),
    ).toBe('down');
  });
});
