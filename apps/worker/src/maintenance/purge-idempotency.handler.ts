import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { JobPayloads } from '@loyalty/contracts';
import { Clock } from '@loyalty/kernel';
import { CLOCK, purgeExpiredIdempotencyRecords } from '@loyalty/platform';
import { HandlesJob, JobHandler } from '../jobs/job-handler';

/** Deletes expired idempotency records in batches until none is left. */
@Injectable()
@HandlesJob('maintenance.idempotency.purge')
export class PurgeIdempotencyHandler implements JobHandler<'maintenance.idempotency.purge'> {
  constructor(
    private readonly orm: MikroORM,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(payload: JobPayloads['maintenance.idempotency.purge']): Promise<void> {
    const now = this.clock.now();
    while ((await purgeExpiredIdempotencyRecords(this.orm.em.fork(), now, payload.batch_size)) === payload.batch_size) {
      // keep going: a full batch means there may be more
    }
  }
}
