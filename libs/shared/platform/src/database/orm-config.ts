import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, Options } from '@mikro-orm/postgresql';
import type { EntityClass, MigrationObject } from '@mikro-orm/core';
import { tenantFilter } from './tenant-filter';

interface PgConnection {
  query(sql: string, callback: (error: Error | null) => void): void;
}

/** Every entity and migration of the product, listed explicitly (globs do not survive bundling). */
export interface SchemaDefinition {
  entities: EntityClass<unknown>[];
  migrations: MigrationObject[];
}

export interface OrmConnectionOptions {
  databaseUrl: string;
  poolMax?: number;
  /** Longest wait for a row lock (LOCK_WAIT_MS); past it PostgreSQL cancels the statement (error 20). */
  lockWaitMs?: number;
}

/** The one MikroORM configuration, shared by the apps, the CLI and the tests. */
export function buildOrmConfig(schema: SchemaDefinition, connection: OrmConnectionOptions): Options {
  return defineConfig({
    clientUrl: connection.databaseUrl,
    entities: schema.entities,
    extensions: [Migrator],
    migrations: {
      migrationsList: schema.migrations,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    filters: { tenant: tenantFilter },
    // The tenant condition is on every row itself; joining relations just to filter them again costs
    // joins on every query (and makes FOR UPDATE lock the joined rows too).
    filtersOnRelations: false,
    forceUtcTimezone: true,
    allowGlobalContext: false,
    pool: {
      min: 0,
      max: connection.poolMax ?? 10,
      idleTimeoutMillis: 30_000,
      // Set once per connection rather than once per transaction: one round trip less per request.
      afterCreate: (raw: PgConnection, done: (error: Error | null, connection: PgConnection) => void) => {
        raw.query(`set lock_timeout = ${Math.floor(connection.lockWaitMs ?? 5_000)}`, (error) => done(error, raw));
      },
    },
    discovery: { warnWhenNoEntities: true, checkDuplicateTableNames: true },
    ignoreUndefinedInQuery: true,
  });
}
