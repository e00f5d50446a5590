import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics/metrics';
import type { RequestWithCaller } from '../auth/auth.guard';
import { isDraining } from '../lifecycle/graceful-exit';
import { IMPORT_BODY_LIMIT } from './body-limits';
import { installJsonBodyParser } from './install-body-parser';

export const API_PREFIX = 'api/v1.1';

/** Options for `new FastifyAdapter(...)`: request ids from `X-Request-Id` when sane, our own logging. */
export function fastifyServerOptions(): FastifyServerOptions {
  return {
    logger: false,
    bodyLimit: IMPORT_BODY_LIMIT,
    // While closing, requests that still reach us on open connections are served, not refused.
    return503OnClosing: false,
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
    },
  };
}

/** Body parsing, request ids on every answer, one JSON log line and one latency sample per request. */
export function configureFastify(fastify: FastifyInstance, logger: Logger, metrics: Metrics): void {
  installJsonBodyParser(fastify);
  fastify.addHook('onRequest', (request, reply, done) => {
    metrics.httpInFlight.inc();
    reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (isDraining()) reply.header('connection', 'close');
    done(null, payload);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.httpInFlight.dec();
    const method = methodLabel(request);
    const seconds = reply.elapsedTime / 1000;
    metrics.httpDuration.observe({ method, status: String(reply.statusCode) }, seconds);
    logger.info(
      {
        request_id: request.id,
        method,
        status: reply.statusCode,
        duration_ms: Math.round(reply.elapsedTime * 100) / 100,
        account_id: (request as RequestWithCaller).caller?.accountId,
      },
      'request',
    );
    done();
  });
}

function methodLabel(request: FastifyRequest): string {
  const route = request.routeOptions.url;
  if (!route) return 'unmatched';
  return route.startsWith(`/${API_PREFIX}/`) ? route.slice(API_PREFIX.length + 2) : route;
}
