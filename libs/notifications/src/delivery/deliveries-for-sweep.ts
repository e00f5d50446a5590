import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { LOGGER } from '@loyalty/platform';
import { DELIVERY_LEASE_MS } from '../domain/retry-schedule';
import { DeliveryScheduler } from './delivery-scheduler';

/** Deliveries the sweep looks at per pass; the oldest due first, the rest on the next pass. */
const SWEEP_BATCH = 1_000;

/** The database side of the worker's hook sweep. */
@Injectable()
export class DeliveriesForSweep {
  constructor(
    private readonly orm: MikroORM,
    private readonly scheduler: DeliveryScheduler,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * A delivery still `sending` a lease after its claim belongs to a worker that died mid-attempt:
   * it goes back to pending, due now (the attempt stays counted). Then every due pending delivery
   * gets its job unless one is waiting, delayed or running. Returns how many were woken.
   */
  async restore(now: Date): Promise<number> {
    const em = this.orm.em.fork();
    await em.execute(
      `update hook_deliveries set status = 'pending', claimed_at = null, next_attempt_at = ?
        where status = 'sending' and claimed_at <= ?`,
      [now, new Date(now.getTime() - DELIVERY_LEASE_MS)],
    );
    const due: Array<{ id: string; attempts: number }> = await em.execute(
      `select id, attempts from hook_deliveries
        where status = 'pending' and next_attempt_at <= ?
        order by next_attempt_at, id limit ?`,
      [now, SWEEP_BATCH],
    );
    for (const row of due) {
      try {
        await this.scheduler.rewake(Number(row.id), row.attempts);
      } catch (error) {
        this.logger.warn({ err: error, delivery: Number(row.id) }, 'could not queue a hook delivery');
        return 0;
      }
    }
    return due.length;
  }
}
