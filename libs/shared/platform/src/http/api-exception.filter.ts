import { ArgumentsHost, Catch, ExceptionFilter, Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { LOGGER } from '../logging/logging.module';
import { RenderedResponseException, renderFailure, toApiFailure } from './envelope';

/** The one place that turns errors into the `{error, error_text, error_code, details}` envelope. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    let response;
    if (error instanceof RenderedResponseException) {
      response = error.response;
    } else {
      const failure = toApiFailure(error);
      if (failure.internal)
        this.logger.error({ err: error, request_id: request.id, url: request.url }, 'internal error');
      else if (failure.code === 'NOT_READY')
        this.logger.warn({ err: error, request_id: request.id, url: request.url }, 'database unreachable');
      response = renderFailure(failure);
    }
    void reply
      .status(response.status)
      .headers(response.headers)
      .type('application/json; charset=utf-8')
      .send(response.body);
  }
}
