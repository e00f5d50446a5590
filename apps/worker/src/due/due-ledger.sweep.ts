import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { dueBuckets } from '@loyalty/loyalty';
import { APP_CONFIG, AppConfig, JobQueues } from '@loyalty/platform';
import { SweepTask } from '../sweep/sweep-task';
import { dueJobId, minuteOf } from './due-jobs';

/**
 * Gives every (tenant, due minute) with ledger work due before the next sweep its delayed job,
 * from the database (the source of truth for time): new lots and holds are planned here, and a
 * job Redis lost is made again. Overdue work of a tenant becomes one job for the current minute.
 * Work created closer to its instant than one sweep interval is done by the next sweep, late by at
 * most that interval (reads never depend on it).
 */
@Injectable()
export class DueLedgerSweep extends SweepTask {
  readonly name = 'due-ledger';

  constructor(
    private readonly orm: MikroORM,
    private readonly queues: JobQueues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run(now: Date): Promise<void> {
    const horizon = new Date(now.getTime() + 2 * this.config.sweepIntervalMs);
    const jobs = new Map<string, { tenant: number; minute: number; delay: number }>();
    for (const bucket of await dueBuckets(this.orm.em.fork(), horizon)) {
      const overdue = bucket.firstDueAt.getTime() <= now.getTime();
      const minute = overdue ? minuteOf(now) : bucket.minute;
      const delay = overdue ? 0 : bucket.firstDueAt.getTime() - now.getTime();
      jobs.set(dueJobId(bucket.tenant, minute), { tenant: bucket.tenant, minute, delay });
    }
    for (const [jobId, job] of jobs) {
      await this.queues.requeue('loyalty.due.settle', { account_id: job.tenant, due_minute: job.minute }, jobId, {
        delay: job.delay,
        attempts: 5,
        backoff: { type: 'exponential', delay: 1_000 },
      });
    }
  }
}
