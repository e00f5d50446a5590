import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { JobPayloads } from '@loyalty/contracts';
import { Clock } from '@loyalty/kernel';
import { nextDueInstant, settleDueLedgers } from '@loyalty/loyalty';
import { CLOCK, JobQueues } from '@loyalty/platform';
import { HandlesJob, JobHandler } from '../jobs/job-handler';
import { dueFollowUpJobId, MIN_FOLLOW_UP_MS, minuteEnd, SETTLE_BATCH } from './due-jobs';

/**
 * A tenant's due minute: settles everything due up to now in passes of SETTLE_BATCH accounts (so
 * a burst is drained in bulk), then, if more falls due later in the same minute, leaves a
 * follow-up job for that instant. Work due after the minute belongs to the next minute's job.
 */
@Injectable()
@HandlesJob('loyalty.due.settle')
export class SettleDueHandler implements JobHandler<'loyalty.due.settle'> {
  constructor(
    private readonly orm: MikroORM,
    private readonly queues: JobQueues,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(payload: JobPayloads['loyalty.due.settle']): Promise<void> {
    const tenant = payload.account_id;
    let now = this.clock.now();
    while ((await settleDueLedgers(this.orm.em.fork(), tenant, now, SETTLE_BATCH)).accounts === SETTLE_BATCH) {
      now = this.clock.now();
    }
    const next = await nextDueInstant(this.orm.em.fork(), tenant, now, minuteEnd(payload.due_minute));
    if (!next) return;
    await this.queues.enqueue('loyalty.due.settle', payload, {
      jobId: dueFollowUpJobId(tenant, payload.due_minute, next),
      delay: Math.max(next.getTime() - this.clock.now().getTime(), MIN_FOLLOW_UP_MS),
    });
  }
}
