import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { buildOrmConfig, SchemaDefinition } from './orm-config';

/** Creates the database named in the URL when it does not exist yet. Returns true if it created it. */
export async function ensureDatabaseExists(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`create database "${name.replace(/"/g, '""')}"`);
    return true;
  } catch (error) {
    // Created concurrently (the API and the worker start together): PostgreSQL answers either
    // duplicate_database or, when both passed its own check, a unique violation on its catalog.
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code === '42P04' || (code === '23505' && constraint === 'pg_database_datname_index')) return false;
    throw error;
  } finally {
    await client.end();
  }
}

export class UnknownSchemaError extends Error {}

export interface SchemaState {
  pending: string[];
  unknown: string[];
}

/** Which of our migrations the database lacks, and which of its migrations we do not know. */
export async function readSchemaState(orm: MikroORM, schema: SchemaDefinition): Promise<SchemaState> {
  const migrator = orm.getMigrator();
  const executed = (await migrator.getExecutedMigrations()).map((row) => row.name);
  const known = new Set(schema.migrations.map((migration) => migration.name));
  const pending = (await migrator.getPendingMigrations()).map((migration) => migration.name);
  return { pending, unknown: executed.filter((name) => !known.has(name)) };
}

/**
 * Brings the schema up to date (DB_MIGRATE=auto) or only checks it (off). Refuses a database that
 * has migrations this build does not know: it was written by a newer version.
 */
export async function prepareSchema(
  databaseUrl: string,
  schema: SchemaDefinition,
  mode: 'auto' | 'off',
  logger: Logger,
): Promise<SchemaState> {
  const orm = await MikroORM.init(buildOrmConfig(schema, { databaseUrl, poolMax: 2 }));
  try {
    let state = await readSchemaState(orm, schema);
    if (state.unknown.length > 0) {
      throw new UnknownSchemaError(
        `The database has migrations this build does not know (${state.unknown.join(', ')}); run a newer build.`,
      );
    }
    if (mode === 'auto' && state.pending.length > 0) {
      logger.info({ migrations: state.pending }, 'applying migrations');
      await orm.getMigrator().up();
      state = await readSchemaState(orm, schema);
    }
    return state;
  } finally {
    await orm.close();
  }
}

/**
 * For processes that never migrate (the worker): waits until the API has brought the schema up to
 * date, polling for up to `timeoutMs`, and refuses a schema it does not know.
 */
export async function waitForSchema(
  databaseUrl: string,
  schema: SchemaDefinition,
  logger: Logger,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt += 1) {
    const state = await prepareSchema(databaseUrl, schema, 'off', logger).catch((error: unknown) => {
      if (error instanceof UnknownSchemaError) throw error;
      return null;
    });
    if (state && state.pending.length === 0) return;
    if (Date.now() > deadline)
      throw new Error('The database schema is not up to date; start the API with DB_MIGRATE=auto');
    if (attempt === 0) logger.info('waiting for the database schema');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
