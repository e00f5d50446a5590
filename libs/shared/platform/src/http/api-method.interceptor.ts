import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { DomainError } from '@loyalty/kernel';
import { RequestContext } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import type { RequestWithCaller } from '../auth/auth.guard';
import { requestFingerprint } from '../idempotency/canonical-json';
import { ROOT_SCOPE } from '../idempotency/idempotency-record.entity';
import { IdempotencyStore, MAX_IDEMPOTENCY_KEY_LENGTH } from '../idempotency/idempotency-store';
import { AccountContext } from '../tenancy/account-context';
import { FileDownload } from '../tasks/task-files';
import { API_METHOD_META, ApiMethodMeta } from './api-method';
import { RenderedResponse, RenderedResponseException, renderFailure, renderSuccess, toApiFailure } from './envelope';

/**
 * Runs an API method in its caller's account context and an entity manager of its own, wraps its
 * answer in the envelope, and
 * handles `Idempotency-Key`: first answers are stored with the work's transaction and replayed
 * byte for byte with `Idempotent-Replayed: true`.
 */
@Injectable()
export class ApiMethodInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly idempotency: IdempotencyStore,
    private readonly em: EntityManager,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const meta = this.reflector.get<ApiMethodMeta | undefined>(API_METHOD_META, context.getHandler());
    if (!meta) return next.handle();
    const request = context.switchToHttp().getRequest<RequestWithCaller>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const caller = request.caller ?? null;
    const key = idempotencyKey(request.headers['idempotency-key']);
    const run = async (): Promise<unknown> => {
      if (!key || !meta.mutating) {
        const payload = await lastValueFrom(next.handle(), { defaultValue: null });
        if (payload instanceof FileDownload) return sendFile(reply, payload);
        return send(reply, renderSuccess(meta.path, payload));
      }
      const outcome = await this.idempotency.execute(
        {
          scope: caller?.accountId ?? ROOT_SCOPE,
          method: meta.path,
          key,
          fingerprint: requestFingerprint(request.body),
        },
        () => this.renderWork(meta, next),
      );
      if (outcome.replayed) outcome.response.headers['idempotent-replayed'] = 'true';
      return send(reply, outcome.response);
    };
    const inRequestContext = () => RequestContext.create(this.em, run);
    return from(caller ? AccountContext.run(caller, inRequestContext) : inRequestContext());
  }

  /** The method's work in a savepoint: a failure undoes its writes but is still an answer to store. */
  private async renderWork(meta: ApiMethodMeta, next: CallHandler): Promise<RenderedResponse> {
    try {
      const payload = await this.em.transactional(() => lastValueFrom(next.handle(), { defaultValue: null }));
      return renderSuccess(meta.path, payload);
    } catch (error) {
      const failure = toApiFailure(error);
      if (failure.internal) throw error;
      return renderFailure(failure);
    }
  }
}

function idempotencyKey(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  const key = Array.isArray(header) ? header[0] : header;
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`,
      {
        fields: [{ path: 'header:Idempotency-Key', message: 'must be 1 to 255 characters' }],
      },
    );
  }
  return key;
}

/** A file (`tasks/download`) goes back as its own stream, without the envelope. */
function sendFile(reply: FastifyReply, file: FileDownload): FileDownload['stream'] {
  reply.header('content-type', file.contentType);
  reply.header('content-disposition', `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
  return file.stream;
}

/** Successful answers go back through Nest as JSON text; failures through the exception filter. */
function send(reply: FastifyReply, response: RenderedResponse): string {
  if (response.status !== 200) throw new RenderedResponseException(response);
  reply.headers(response.headers);
  reply.type('application/json; charset=utf-8');
  return response.body;
}
