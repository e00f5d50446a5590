import { Entity, PrimaryKey } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import Redis from 'ioredis';
import { Client } from 'pg';
import {
  createLogger,
  ensureDatabaseExists,
  prepareSchema,
  SharedTestClock,
  UnknownSchemaError,
} from '@loyalty/platform';
import { createTestDatabase } from '../test-database';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueRedisPrefix } from '../test-redis';

class CreateThings extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table things (id int primary key)');
  }
}

const logger = createLogger('silent', 'test');

describe('the shared test clock (real Redis)', () => {
  const prefix = uniqueRedisPrefix('clock');
  const redisA = new Redis(TEST_REDIS_URL);
  const redisB = new Redis(TEST_REDIS_URL);
  const api = new SharedTestClock(redisA, prefix);
  const worker = new SharedTestClock(redisB, prefix);

  afterAll(async () => {
    await Promise.all([api.stop(), worker.stop()]);
    await Promise.all([redisA.quit(), redisB.quit()]);
    await deleteRedisPrefix(prefix);
  });

  it('fixes the same instant for every process, and returns to real time on null', async () => {
    await Promise.all([api.start(), worker.start()]);
    await api.set(new Date('2030-01-01T00:00:00.000Z'));
    const deadline = Date.now() + 2_000;
    while (worker.now().toISOString() !== '2030-01-01T00:00:00.000Z' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(api.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(worker.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');

    const lateRedis = new Redis(TEST_REDIS_URL);
    const late = new SharedTestClock(lateRedis, prefix);
    await late.start();
    expect(late.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    await late.stop();
    await lateRedis.quit();

    await api.set(null);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(Math.abs(worker.now().getTime() - Date.now())).toBeLessThan(1_000);
  });
});

describe('database preparation (real PostgreSQL)', () => {
  it('creates a missing database once, applies pending migrations, and refuses migrations it does not know', async () => {
    const scratch = await createTestDatabase('prepare');
    await scratch.drop();
    try {
      expect(await ensureDatabaseExists(scratch.url)).toBe(true);
      expect(await ensureDatabaseExists(scratch.url)).toBe(false);

      const schema = { entities: [Thing], migrations: [{ name: 'Migration1_things', class: CreateThings }] };
      expect(await prepareSchema(scratch.url, schema, 'off', logger)).toEqual({
        pending: ['Migration1_things'],
        unknown: [],
      });
      expect(await tableExists(scratch.url, 'things')).toBe(false);

      expect(await prepareSchema(scratch.url, schema, 'auto', logger)).toEqual({ pending: [], unknown: [] });
      expect(await tableExists(scratch.url, 'things')).toBe(true);

      await query(scratch.url, "insert into mikro_orm_migrations (name) values ('Migration9_from_the_future')");
      await expect(prepareSchema(scratch.url, schema, 'auto', logger)).rejects.toBeInstanceOf(UnknownSchemaError);
    } finally {
      await scratch.drop();
    }
  });
});

@Entity({ tableName: 'things' })
class Thing {
  @PrimaryKey({ type: 'integer' })
  id!: number;
}

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function tableExists(url: string, table: string): Promise<boolean> {
  return (await query(url, `select 1 from information_schema.tables where table_name = '${table}'`)).length === 1;
}
