import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { programsDueForNotices } from '@loyalty/loyalty';
import { JobQueues } from '@loyalty/platform';
import { SweepTask } from '../sweep/sweep-task';
import { noticesJobId } from './due-jobs';

/**
 * Queues the expiry notices of each program's current local day until that day's run is recorded:
 * a new local day is noticed within one sweep interval of its midnight, and a lost job is queued again.
 */
@Injectable()
export class ExpiryNoticesSweep extends SweepTask {
  readonly name = 'expiry-notices';

  constructor(
    private readonly orm: MikroORM,
    private readonly queues: JobQueues,
  ) {
    super();
  }

  async run(now: Date): Promise<void> {
    for (const { program, localDate } of await programsDueForNotices(this.orm.em.fork(), now)) {
      await this.queues.requeue(
        'loyalty.notices.send',
        { program_id: program.id, local_date: localDate },
        noticesJobId(program.id, localDate),
      );
    }
  }
}
