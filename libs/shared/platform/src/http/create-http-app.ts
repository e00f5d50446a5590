import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { PinoNestLogger } from '../logging/logger';
import type { Metrics } from '../metrics/metrics';
import { configureFastify, fastifyServerOptions } from './configure-fastify';

/** A Nest application on Fastify with our body parser, request ids, request logs and latency metrics. */
export async function createHttpApp(
  module: DynamicModule,
  logger: Logger,
  metrics: Metrics,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(fastifyServerOptions()), {
    bodyParser: false,
    logger: new PinoNestLogger(logger),
  });
  configureFastify(app.getHttpAdapter().getInstance(), logger, metrics);
  return app;
}
