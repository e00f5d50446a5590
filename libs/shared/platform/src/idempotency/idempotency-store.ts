import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError } from '@loyalty/kernel';
import { CLOCK } from '../clock/clock.module';
import type { RenderedResponse } from '../http/envelope';
import { IdempotencyRecord } from './idempotency-record.entity';
import { lockTransactionKey } from '../database/transaction-lock';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

export interface IdempotencyScope {
  /** The caller's account, or ROOT_SCOPE for the root key. */
  scope: number;
  method: string;
  key: string;
  fingerprint: string;
}

export interface IdempotentOutcome {
  response: RenderedResponse;
  replayed: boolean;
}

/**
 * Runs a request at most once per (account, method, Idempotency-Key).
 *
 * One transaction holds an advisory lock on the key, runs the work in a savepoint and stores its
 * answer, so the stored answer exists exactly when the work committed. A duplicate that arrives
 * while the first is in flight waits on the lock (up to LOCK_WAIT_MS) and then replays.
 */
@Injectable()
export class IdempotencyStore {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(scope: IdempotencyScope, work: () => Promise<RenderedResponse>): Promise<IdempotentOutcome> {
    return this.em.transactional(async (em) => {
      await lockTransactionKey(em, `${scope.scope}/${scope.method}/${scope.key}`);
      const now = this.clock.now();
      const stored = await em.findOne(IdempotencyRecord, {
        scope: scope.scope,
        method: scope.method,
        key: scope.key,
      });
      if (stored && stored.expiresAt > now) {
        if (stored.requestHash !== scope.fingerprint) {
          throw new DomainError('IDEMPOTENCY_MISMATCH', 'This Idempotency-Key was used with a different body');
        }
        return { response: { status: stored.statusCode, body: stored.responseBody, headers: {} }, replayed: true };
      }
      if (stored) {
        em.remove(stored);
        await em.flush();
      }
      const response = await work();
      if (isStorable(response)) {
        em.create(IdempotencyRecord, {
          scope: scope.scope,
          method: scope.method,
          key: scope.key,
          requestHash: scope.fingerprint,
          statusCode: response.status,
          responseBody: response.body,
          createdAt: now,
          expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
        });
      }
      return { response, replayed: false };
    });
  }
}

/** Answers worth replaying: everything below 500 except rate limiting and BUSY, which invite a retry. */
function isStorable(response: RenderedResponse): boolean {
  return response.status < 500 && response.errorCode !== 'RATE_LIMITED' && response.errorCode !== 'BUSY';
}
