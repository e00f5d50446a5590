import type { DynamicModule, INestApplicationContext, Provider, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { RequestContext } from '@mikro-orm/core';
import { AccountContext, Caller, createLogger, Metrics, PlatformModule, SchemaDefinition } from '@loyalty/platform';
import { testConfig } from './test-config';
import { createTestDatabase, TestDatabase } from './test-database';
import { deleteRedisPrefix, uniqueRedisPrefix } from './test-redis';

export interface IntegrationContext {
  app: INestApplicationContext;
  database: TestDatabase;
  redisPrefix: string;
  /** A fresh entity manager outside any request. */
  em(): EntityManager;
  get<T>(token: Type<T> | string | symbol): T;
  /** Runs `fn` with an entity manager of its own and no account (as the root key's request would). */
  inRequest<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs `fn` as a request of `accountId` would (its own entity manager; the tenant filter scopes its queries). */
  asAccount<T>(accountId: number, fn: () => Promise<T>, role?: Caller['role']): Promise<T>;
  close(): Promise<void>;
}

export interface IntegrationOptions {
  label: string;
  /** The entities the test touches (the platform's plus the library's own). */
  entities: SchemaDefinition['entities'];
  imports?: (Type | DynamicModule)[];
  providers?: Provider[];
  env?: Record<string, string>;
}

/**
 * A Nest application context on a database and Redis prefix of its own, with the platform and
 * the given modules: for integration tests of use cases against the real PostgreSQL and Redis.
 */
export async function createIntegrationContext(options: IntegrationOptions): Promise<IntegrationContext> {
  const database = await createTestDatabase(options.label);
  const redisPrefix = uniqueRedisPrefix(options.label);
  const config = testConfig(database.url, redisPrefix, options.env);
  const moduleRef = await Test.createTestingModule({
    imports: [
      PlatformModule.forRoot({
        config,
        logger: createLogger('silent', 'test'),
        metrics: new Metrics('test'),
        schema: { entities: options.entities, migrations: [] },
      }),
      ...(options.imports ?? []),
    ],
    providers: options.providers ?? [],
  }).compile();
  const app = await moduleRef.init();
  const orm = app.get(MikroORM);
  return {
    app,
    database,
    redisPrefix,
    em: () => (orm.em as EntityManager).fork(),
    get: (token) => app.get(token),
    inRequest: (fn) => RequestContext.create(orm.em, fn),
    asAccount: (accountId, fn, role = 'admin') =>
      AccountContext.run({ accountId, tokenId: null, role }, () => RequestContext.create(orm.em, fn)),
    close: async () => {
      await app.close();
      await database.drop();
      await deleteRedisPrefix(redisPrefix);
    },
  };
}
