import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { Clock } from '@loyalty/kernel';
import { CLOCK, JobQueues } from '@loyalty/platform';
import { deliveryJobId } from '../domain/hook-body';

/** A small margin so that a delayed job does not wake a delivery a moment before it is due. */
const WAKE_MARGIN_MS = 100;

/**
 * The alarm clock of deliveries: one delayed BullMQ job per (delivery, attempt) with a
 * deterministic id. The row in the database is the truth; a job lost with Redis, or queued
 * before its row committed, is made good by the sweep.
 */
@Injectable()
export class DeliveryScheduler {
  constructor(
    private readonly queues: JobQueues,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Queues the job of each delivery for its next attempt (`at`, or now); never throws (the sweep repairs). */
  async wake(deliveries: Array<{ deliveryId: number; attempts: number; at?: Date }>, logger: Logger): Promise<void> {
    const now = this.clock.now().getTime();
    for (const delivery of deliveries) {
      const delay = delivery.at ? Math.max(0, delivery.at.getTime() - now) + WAKE_MARGIN_MS : 0;
      try {
        await this.queues.enqueue(
          'hooks.delivery.send',
          { delivery_id: delivery.deliveryId },
          { jobId: deliveryJobId(delivery.deliveryId, delivery.attempts), delay },
        );
      } catch (error) {
        logger.warn(
          { err: error, delivery: delivery.deliveryId },
          'hook delivery recorded but not queued (the sweep will)',
        );
      }
    }
  }

  /** Queues a delivery's job again unless it is still waiting, delayed or running (for the sweep). */
  async rewake(deliveryId: number, attempts: number): Promise<void> {
    await this.queues.requeue('hooks.delivery.send', { delivery_id: deliveryId }, deliveryJobId(deliveryId, attempts));
  }
}
