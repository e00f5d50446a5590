import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { buildOrmConfig, readSchemaState } from '@loyalty/platform';
import { createTestDatabase, TestDatabase } from '@loyalty/testing';
import { SCHEMA } from './schema';

describe('entities and migrations agree (real PostgreSQL)', () => {
  let database: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    database = await createTestDatabase('schema');
    orm = await MikroORM.init(buildOrmConfig(SCHEMA, { databaseUrl: database.url, poolMax: 2 }));
  });

  afterAll(async () => {
    await orm?.close();
    await database?.drop();
  });

  it('lists every migration file, in order, in MIGRATIONS', () => {
    const files = readdirSync(join(__dirname, 'migrations'))
      .filter((file) => file.endsWith('.ts'))
      .map((file) => file.replace(/\.ts$/, ''))
      .sort();
    expect(SCHEMA.migrations.map((migration) => migration.name)).toEqual(files);
  });

  it('leaves nothing pending or unknown on a database migrated from the files', async () => {
    expect(await readSchemaState(orm, SCHEMA)).toEqual({ pending: [], unknown: [] });
  });

  it('generates no migration from the entities: the committed migrations describe them exactly', async () => {
    const drift = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(drift.trim()).toBe('');
  });
});
