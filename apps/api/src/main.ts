import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SCHEMA } from '@loyalty/database';
import {
  configureFastify,
  createLogger,
  ensureDatabaseExists,
  exitGracefullyOnSignals,
  fastifyServerOptions,
  loadConfigOrExit,
  Metrics,
  PinoNestLogger,
  prepareSchema,
} from '@loyalty/platform';
import { ApiModule } from './app.module';
import { buildOpenApiDocument, mountSwagger } from './openapi';

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
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot({ config, logger, metrics, schema: SCHEMA }),
    new FastifyAdapter(fastifyServerOptions()),
    { bodyParser: false, logger: new PinoNestLogger(logger) },
  );
  configureFastify(app.getHttpAdapter().getInstance(), logger, metrics);
  mountSwagger(app, buildOpenApiDocument(app));
  await app.listen(config.port, '0.0.0.0');
  logger.info({ port: config.port }, 'api listening');
  exitGracefullyOnSignals(app, logger);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
