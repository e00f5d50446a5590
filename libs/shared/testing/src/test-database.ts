import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { inheritedEnvironment, loadServerUrls } from '@loyalty/platform';

const SERVER_URL = loadServerUrls().databaseUrl;
const WORKSPACE_ROOT = join(__dirname, '../../../..');
const MIGRATIONS_DIR = join(WORKSPACE_ROOT, 'libs/database/src/migrations');

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function urlFor(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: urlFor('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The template is named after the migration files' names and contents, so a changed migration
 * gets a fresh template. (Read from disk rather than imported, so that every library's tests can
 * use this without depending on the schema library that lists them all.)
 */
function templateName(): string {
  const fingerprint = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR).sort()) {
    fingerprint.update(file);
    fingerprint.update(readFileSync(join(MIGRATIONS_DIR, file)));
  }
  return `loyalty_tpl_${fingerprint.digest('hex').slice(0, 12)}`;
}

/** Applies every migration with the MikroORM CLI, exactly as `npm run migration:create` sees them. */
function migrate(databaseUrl: string): void {
  const result = spawnSync('npx', ['mikro-orm', 'migration:up'], {
    cwd: WORKSPACE_ROOT,
    env: inheritedEnvironment({ DATABASE_URL: databaseUrl }),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`migrating the test template failed:\n${result.stdout}\n${result.stderr}`);
}

async function ensureTemplate(client: Client, template: string): Promise<void> {
  await client.query('select pg_advisory_lock(424242)');
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [template]);
    if (found.rowCount) return;
    const building = `${template}_build`;
    await client.query(`drop database if exists "${building}"`);
    await client.query(`create database "${building}"`);
    migrate(urlFor(building));
    await client.query(`alter database "${building}" rename to "${template}"`);
    await client.query(`alter database "${template}" with is_template true`);
  } finally {
    await client.query('select pg_advisory_unlock(424242)');
  }
}

/**
 * A database of its own for one test file: a clone of a template that has every migration applied,
 * built once per migration set and shared by all test files (also across parallel Jest processes).
 */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const template = templateName();
  const name = `loyalty_t_${label
    .replace(/[^a-z0-9]/gi, '')
    .slice(0, 20)
    .toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(async (client) => {
    await ensureTemplate(client, template);
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.query(`create database "${name}" template "${template}"`);
        return;
      } catch (error) {
        // 55006: the template is briefly in use by another clone; try again.
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
  return {
    name,
    url: urlFor(name),
    drop: () =>
      withAdminClient((client) => client.query(`drop database if exists "${name}" with (force)`).then(() => undefined)),
  };
}
