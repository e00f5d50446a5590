import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '@loyalty/kernel';
import { API_METHOD_META, ApiMethodMeta, roleMayCall } from '../http/api-method';
import type { Caller } from '../tenancy/account-context';
import { RateLimiter } from './rate-limiter';
import { TokenAuthenticator } from './token-authenticator';

/** The authenticated caller, set on the request by AuthGuard; null for the root key. */
export type RequestWithCaller = FastifyRequest & { caller?: Caller | null };

/**
 * Authentication (401), rate limit (429) and role (403), in the order of spec/api.md §1.
 * Routes without @ApiMethod (health, docs, metrics) are public.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: TokenAuthenticator,
    private readonly rateLimiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const meta = this.reflector.get<ApiMethodMeta | undefined>(API_METHOD_META, context.getHandler());
    if (!meta) return true;
    const request = context.switchToHttp().getRequest<RequestWithCaller>();
    const secret = presentedSecret(request);
    const who = secret ? await this.authenticator.authenticate(secret) : null;
    if (!who) throw new DomainError('UNAUTHORIZED', secret ? 'Unknown or revoked token' : 'No token given');
    await this.rateLimiter.consume(who.kind === 'root' ? 'root' : `token-${who.caller.tokenId}`);
    if (who.kind === 'root') {
      if (meta.access !== 'root') throw new DomainError('FORBIDDEN', 'The root key can only create accounts');
      request.caller = null;
      return true;
    }
    if (!roleMayCall(who.caller.role, meta.access)) {
      throw new DomainError('FORBIDDEN', `A ${who.caller.role} token may not call ${meta.path}`);
    }
    request.caller = who.caller;
    return true;
  }
}

/** The bearer token from the Authorization header or the body's `token`; both must agree when both are given. */
function presentedSecret(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const fromHeader = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : null;
  const body = request.body as { token?: unknown } | undefined;
  const fromBody = body && typeof body === 'object' && typeof body.token === 'string' ? body.token : null;
  if (fromHeader && fromBody && fromHeader !== fromBody) {
    throw new DomainError('UNAUTHORIZED', 'The Authorization header and the body token differ');
  }
  return fromHeader || fromBody || null;
}
