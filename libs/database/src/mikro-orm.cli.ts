// Configuration for the MikroORM CLI (`npx mikro-orm migration:create`); the apps use SCHEMA directly.
import { buildOrmConfig, loadDatabaseUrl } from '@loyalty/platform';
import { SCHEMA } from './schema';

const base = buildOrmConfig(SCHEMA, { databaseUrl: loadDatabaseUrl() });

export default {
  ...base,
  migrations: {
    ...base.migrations,
    migrationsList: undefined,
    path: 'libs/database/src/migrations',
    pathTs: 'libs/database/src/migrations',
    emit: 'ts',
  },
};
