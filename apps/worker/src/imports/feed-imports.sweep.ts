import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import {
  allFeedSchedules,
  FEED_IMPORT_TASK,
  FEED_TASK_STALE_MS,
  scheduleFeedTicks,
  feedTaskJobId,
} from '@loyalty/market-catalog';
import { JobQueues } from '@loyalty/platform';
import { requeueLostTasks } from '../sweep/requeue-lost-tasks';
import { SweepTask } from '../sweep/sweep-task';

/**
 * Restores what Redis or a dead worker lost: a task whose worker stopped beating is queued again
 * (its import rolled back with its transaction); every feed task still queued after the grace
 * period gets a job (same deterministic job id: a job still waiting is not doubled, a failed one is replaced); every feed
 * schedule's job scheduler is rebuilt from its row.
 */
@Injectable()
export class FeedImportsSweep extends SweepTask {
  readonly name = 'feed-imports';

  constructor(
    private readonly orm: MikroORM,
    private readonly queues: JobQueues,
  ) {
    super();
  }

  async run(now: Date): Promise<void> {
    const em = this.orm.em.fork();
    await requeueLostTasks(
      em,
      this.queues,
      {
        kind: FEED_IMPORT_TASK,
        job: 'imports.feed.run',
        jobId: feedTaskJobId,
        staleMs: FEED_TASK_STALE_MS,
      },
      now,
    );
    for (const schedule of await allFeedSchedules(em)) {
      await scheduleFeedTicks(this.queues, schedule);
    }
  }
}
