import { HttpException } from '@nestjs/common';
import {
  ConnectionException,
  DriverException,
  DeadlockException,
  LockWaitTimeoutException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { DomainError, ERROR_CATALOG, ErrorCode } from '@loyalty/kernel';

export const SUCCESS_TEXT = 'Successful operation';

/** A finished HTTP answer: status, JSON text and extra headers. */
export interface RenderedResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
  /** Set on failures. */
  errorCode?: ErrorCode;
}

/** Methods under `market/` put their payload under `result`, as the Altcraft Market API does. */
export function payloadKeyFor(methodPath: string): 'data' | 'result' {
  return methodPath.startsWith('market/') ? 'result' : 'data';
}

export function renderSuccess(methodPath: string, payload: unknown): RenderedResponse {
  const envelope = { error: 0, error_text: SUCCESS_TEXT, [payloadKeyFor(methodPath)]: payload ?? null };
  return { status: 200, body: JSON.stringify(envelope), headers: {} };
}

export interface ApiFailure {
  code: ErrorCode;
  message: string;
  details: Record<string, unknown>;
  /** True for bugs: logged with their stack, never shown to the caller. */
  internal: boolean;
}

/** Maps anything thrown to a coded failure; unknown errors become INTERNAL without leaking their text. */
export function toApiFailure(error: unknown): ApiFailure {
  if (error instanceof DomainError) {
    return { code: error.code, message: error.message, details: error.details, internal: error.code === 'INTERNAL' };
  }
  if (error instanceof UniqueConstraintViolationException) {
    return { code: 'CONFLICT', message: 'A unique key is already taken', details: {}, internal: false };
  }
  // A deadlock victim's transaction rolled back whole: like a lock wait timeout, safe to retry.
  if (
    error instanceof LockWaitTimeoutException ||
    error instanceof DeadlockException ||
    ['55P03', '40P01'].includes((error as { code?: string } | null)?.code ?? '')
  ) {
    return { code: 'BUSY', message: 'The account is busy; retry', details: {}, internal: false };
  }
  if (error instanceof ConnectionException || isDatabaseUnreachable(error)) {
    return { code: 'NOT_READY', message: 'The database is unreachable', details: {}, internal: false };
  }
  if (error instanceof HttpException) {
    const code = httpStatusCode(error.getStatus());
    if (code) return { code, message: ERROR_CATALOG[code].text, details: {}, internal: false };
  }
  return { code: 'INTERNAL', message: ERROR_CATALOG.INTERNAL.text, details: {}, internal: true };
}

/** SQLSTATEs of a lost or refused connection (class 08) and of a server shutting down or starting (57P01–57P03). */
const UNREACHABLE_SQLSTATE = /^(08...|57P0[123])$/;
const UNREACHABLE_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
/**
 * What `pg` says when a connection broke without a SQLSTATE; MikroORM wraps it as
 * `<sql> - <message>` with no code.
 */
const UNREACHABLE_MESSAGES = [
  'Connection terminated',
  'connection error and is not queryable',
  'Client was closed and is not queryable',
  'Timeout acquiring a connection',
  'terminating connection due to administrator command',
  'the database system is shutting down',
  'the database system is starting up',
];

/**
 * Whether `error` says the database is down, restarting or out of reach (a connection cut by a
 * restart, a refused connection, no pooled connection in time) rather than that the request or
 * the code is wrong: the caller may retry once the service is ready.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  const { code, name, message } = (error ?? {}) as { code?: unknown; name?: unknown; message?: unknown };
  // A statement the server rejected always carries a SQLSTATE; a driver error without one came
  // from the connection (cut, closed, timed out), whatever its wording.
  if (error instanceof DriverException && (code === undefined || code === null)) return true;
  if (typeof code === 'string' && (UNREACHABLE_SQLSTATE.test(code) || UNREACHABLE_SOCKET.has(code))) return true;
  if (name === 'KnexTimeoutError') return true;
  return typeof message === 'string' && UNREACHABLE_MESSAGES.some((text) => message.includes(text));
}

function httpStatusCode(status: number): ErrorCode | undefined {
  switch (status) {
    case 400:
      return 'VALIDATION_FAILED';
    case 404:
    case 405:
      return 'METHOD_NOT_FOUND';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    default:
      return undefined;
  }
}

export function renderFailure(failure: ApiFailure): RenderedResponse {
  const entry = ERROR_CATALOG[failure.code];
  const { retry_after_seconds: retryAfter, ...details } = failure.details;
  const envelope = { error: entry.error, error_text: failure.message, error_code: failure.code, details };
  const headers: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };
  return { status: entry.http, body: JSON.stringify(envelope), headers, errorCode: failure.code };
}

/** An already rendered answer travelling through Nest's exception path (idempotent replays, stored errors). */
export class RenderedResponseException extends Error {
  constructor(readonly response: RenderedResponse) {
    super('rendered response');
  }
}
