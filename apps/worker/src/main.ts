import 'reflect-metadata';
import { SCHEMA } from '@loyalty/database';
import {
  createHttpApp,
  createLogger,
  exitGracefullyOnSignals,
  loadConfigOrExit,
  Metrics,
  waitForSchema,
} from '@loyalty/platform';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel, 'worker');
  await waitForSchema(config.databaseUrl, SCHEMA, logger);
  const metrics = new Metrics('worker');
  const app = await createHttpApp(WorkerModule.forRoot({ config, logger, metrics, schema: SCHEMA }), logger, metrics);
  await app.listen(config.workerPort, '0.0.0.0');
  logger.info({ port: config.workerPort }, 'worker running');
  exitGracefullyOnSignals(app, logger);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
