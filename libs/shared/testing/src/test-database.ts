import { createHash, randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { SCHEMA } from '@loyalty/database';
import { buildOrmConfig } from '@loyalty/platform';

const SERVER_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/loyalty';

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

/** The template is named after the migrations' names and code, so a changed migration gets a fresh template. */
function templateName(): string {
  const fingerprint = createHash('sha256');
  for (const migration of SCHEMA.migrations) {
    fingerprint.update(migration.name);
    fingerprint.update(String(migration.class));
  }
  return `loyalty_tpl_${fingerprint.digest('hex').slice(0, 12)}`;
}

async function ensureTemplate(client: Client, template: string): Promise<void> {
  await client.query('select pg_advisory_lock(424242)');
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [template]);
    if (found.rowCount) return;
    const building = `${template}_build`;
    await client.query(`drop database if exists "${building}"`);
    await client.query(`create database "${building}"`);
    const orm = await MikroORM.init(buildOrmConfig(SCHEMA, { databaseUrl: urlFor(building), poolMax: 1 }));
    try {
      await orm.getMigrator().up();
    } finally {
      await orm.close();
    }
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
