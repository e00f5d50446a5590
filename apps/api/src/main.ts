import 'reflect-metadata';
import { SCHEMA } from '@loyalty/database';
import {
  createHttpApp,
  createLogger,
  ensureDatabaseExists,
  exitGracefullyOnSignals,
  loadConfigOrExit,
  Metrics,
  prepareSchema,
} from '@loyalty/platform';
import { ApiModule } from './app.module';
import { buildOpenApiDocument, mountSwagger } from './openapi';
import { mountQueueDashboard } from './queue-dashboard/queue-dashboard';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel, 'api');
  if (config.dbMigrate === 'auto' && (await ensureDatabaseExists(config.databaseUrl))) {
    logger.info('created the database named in DATABASE_URL');
  }
  const schema = await prepareSchema(config.databaseUrl, SCHEMA, config.dbMigrate, logger);
  if (schema.pending.length > 0) {
    logger.warn(
      { migrations: schema.pending },
      'migrations pending and DB_MIGRATE=off: not ready until they are applied',
    );
  }
  const metrics = new Metrics('api');
  const app = await createHttpApp(ApiModule.forRoot({ config, logger, metrics, schema: SCHEMA }), logger, metrics);
  mountSwagger(app, buildOpenApiDocument(app));
  await mountQueueDashboard(app);
  await app.listen(config.port, '0.0.0.0');
  logger.info({ port: config.port }, 'api listening');
  exitGracefullyOnSignals(app, logger);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
