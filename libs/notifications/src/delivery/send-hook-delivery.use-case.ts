import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { Clock } from '@loyalty/kernel';
import { APP_CONFIG, AppConfig, CLOCK, LOGGER, parseOutboundUrl, postOutbound } from '@loyalty/platform';
import { signHookBody } from '../domain/hook-signature';
import {
  DELIVERY_LEASE_MS,
  DELIVERY_TIMEOUT_MS,
  MAX_IN_FLIGHT_PER_HOOK,
  nextAttemptAfterFailure,
} from '../domain/retry-schedule';
import type { DeliveryStatus } from '../entities/hook-delivery.entity';
import { DeliveryScheduler } from './delivery-scheduler';

interface ClaimedRow {
  id: string;
  hook_id: string;
  event_id: string;
  body: string;
  attempts: number;
  first_attempt_at: Date;
  url: string;
  secret: string;
}

/** What one run did: `skipped` when the delivery was not due, not open, or its hook had enough attempts in flight. */
export interface AttemptOutcome {
  status: DeliveryStatus | 'skipped';
  attempts?: number;
  responseCode?: number | null;
  nextAttemptAt?: Date | null;
}

/**
 * One attempt of one delivery (the `hooks.delivery.send` job). The row is claimed with a
 * conditional update (pending and due, or `sending` with an expired lease, which a killed worker
 * leaves behind), so two workers never send the same attempt; the attempt counts when claimed.
 * Then the body is POSTed, signed, with a 10 s limit, and the outcome recorded: delivered, a retry
 * at 10 s × 2ⁿ, or dead 24 h after the first attempt. Afterwards the hook's next due delivery is
 * woken, since deliveries beyond MAX_IN_FLIGHT_PER_HOOK skip and wait for that.
 */
@Injectable()
export class SendHookDelivery {
  constructor(
    private readonly orm: MikroORM,
    private readonly scheduler: DeliveryScheduler,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(deliveryId: number): Promise<AttemptOutcome> {
    const em = this.orm.em.fork();
    const claimedAt = this.clock.now();
    const leaseStart = new Date(claimedAt.getTime() - DELIVERY_LEASE_MS);
    const claimed = await em.transactional(async (tx) => {
      // Claims of one hook take turns on its row, so the in-flight count below is exact.
      const [hook]: Array<{ id: string }> = await tx.execute(
        `select h.id from action_hooks h join hook_deliveries d on d.hook_id = h.id
          where d.id = ? and h.deleted_at is null for no key update of h`,
        [deliveryId],
      );
      if (!hook) return undefined;
      const [row]: ClaimedRow[] = await tx.execute(
        `update hook_deliveries d
            set status = 'sending', claimed_at = ?, attempts = d.attempts + 1,
                first_attempt_at = coalesce(d.first_attempt_at, ?), last_attempt_at = ?
           from action_hooks h
          where d.id = ? and h.id = d.hook_id
            and ((d.status = 'pending' and d.next_attempt_at <= ?) or (d.status = 'sending' and d.claimed_at <= ?))
            and (select count(*) from hook_deliveries o
                  where o.hook_id = d.hook_id and o.status = 'sending' and o.claimed_at > ? and o.id <> d.id) < ?
          returning d.id, d.hook_id, d.event_id, d.body, d.attempts, d.first_attempt_at, h.url, h.secret`,
        [claimedAt, claimedAt, claimedAt, deliveryId, claimedAt, leaseStart, leaseStart, MAX_IN_FLIGHT_PER_HOOK],
      );
      return row;
    });
    if (!claimed) {
      await this.cancelIfHookDeleted(deliveryId);
      return { status: 'skipped' };
    }

    const result = await this.post(claimed, claimedAt);
    const outcome = await this.record(claimed, claimedAt, result);
    if (outcome.status === 'pending' && outcome.nextAttemptAt) {
      await this.scheduler.wake([{ deliveryId, attempts: claimed.attempts, at: outcome.nextAttemptAt }], this.logger);
    }
    await this.wakeNextOfHook(Number(claimed.hook_id), deliveryId);
    return outcome;
  }

  private async post(
    claimed: ClaimedRow,
    attemptAt: Date,
  ): Promise<{ ok: boolean; responseCode: number | null; error: string | null }> {
    try {
      const url = parseOutboundUrl(claimed.url, 'url');
      const { status } = await postOutbound(url, {
        body: claimed.body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'loyalty-engine-hooks/1',
          'x-event-id': claimed.event_id,
          'x-timestamp': attemptAt.toISOString(),
          'x-signature': signHookBody(claimed.secret, claimed.body),
        },
        allowPrivate: this.config.allowPrivateUrls,
        timeoutMs: DELIVERY_TIMEOUT_MS,
      });
      const ok = status >= 200 && status < 300;
      return { ok, responseCode: status, error: ok ? null : `HTTP ${status}` };
    } catch (error) {
      return { ok: false, responseCode: null, error: (error as Error).message.slice(0, 500) };
    }
  }

  private async record(
    claimed: ClaimedRow,
    claimedAt: Date,
    result: { ok: boolean; responseCode: number | null; error: string | null },
  ): Promise<AttemptOutcome> {
    const em = this.orm.em.fork();
    const now = this.clock.now();
    const next = result.ok
      ? null
      : nextAttemptAfterFailure({
          attempts: claimed.attempts,
          attemptAt: claimedAt,
          firstAttemptAt: new Date(claimed.first_attempt_at),
        });
    const status: DeliveryStatus = result.ok ? 'delivered' : next ? 'pending' : 'dead';
    // Only the claim that is still ours is recorded: a worker that outlived its lease lost the row.
    const [row]: Array<{ status: DeliveryStatus }> = await em.execute(
      `update hook_deliveries d
          set status = case when ? = 'pending' and exists
                         (select 1 from action_hooks h where h.id = d.hook_id and h.deleted_at is not null)
                       then 'canceled' else ? end,
              claimed_at = null, last_response_code = ?, last_error = ?,
              next_attempt_at = coalesce(?, d.next_attempt_at), delivered_at = ?
        where d.id = ? and d.status = 'sending' and d.claimed_at = ?
        returning d.status`,
      [status, status, result.responseCode, result.error, next, result.ok ? now : null, Number(claimed.id), claimedAt],
    );
    if (!result.ok) {
      this.logger.warn(
        {
          delivery: Number(claimed.id),
          hook: Number(claimed.hook_id),
          attempts: claimed.attempts,
          error: result.error,
        },
        status === 'dead' ? 'hook delivery dead-lettered' : 'hook delivery failed; will retry',
      );
    }
    return {
      status: row?.status ?? 'skipped',
      attempts: claimed.attempts,
      responseCode: result.responseCode,
      nextAttemptAt: row?.status === 'pending' ? next : null,
    };
  }

  private async cancelIfHookDeleted(deliveryId: number): Promise<void> {
    await this.orm.em.fork().execute(
      `update hook_deliveries d set status = 'canceled'
         from action_hooks h
        where d.id = ? and h.id = d.hook_id and h.deleted_at is not null and d.status = 'pending'`,
      [deliveryId],
    );
  }

  /** Wakes the hook's oldest due delivery, which may have skipped while this one was in flight. */
  private async wakeNextOfHook(hookId: number, doneId: number): Promise<void> {
    const [next]: Array<{ id: string; attempts: number }> = await this.orm.em.fork().execute(
      `select id, attempts from hook_deliveries
        where hook_id = ? and status = 'pending' and next_attempt_at <= ? and id <> ?
        order by next_attempt_at, id limit 1`,
      [hookId, this.clock.now(), doneId],
    );
    if (!next) return;
    try {
      await this.scheduler.rewake(Number(next.id), next.attempts);
    } catch (error) {
      this.logger.warn({ err: error, delivery: Number(next.id) }, 'could not wake the next delivery (the sweep will)');
    }
  }
}
