import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import {
  allFeedSchedules,
  FEED_IMPORT_TASK,
  FEED_TASK_STALE_MS,
  scheduleFeedTicks,
  feedTaskJobId,
} from '@loyalty/market-catalog';
import { JobQueues, TaskProgress } from '@loyalty/platform';
import { SweepTask } from '../sweep/sweep-task';

/** Queued tasks get a job after this long without one being expected to have started. */
const QUEUED_GRACE_MS = 30_000;

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
    const silentSince = new Date(now.getTime() - FEED_TASK_STALE_MS);
    const requeued = await TaskProgress.requeueStale(em, FEED_IMPORT_TASK, silentSince);
    const before = new Date(now.getTime() - QUEUED_GRACE_MS);
    const queued = await TaskProgress.queuedBefore(em, FEED_IMPORT_TASK, before);
    for (const taskId of new Set([...requeued, ...queued])) {
      await this.queues.requeue('imports.feed.run', { task_id: taskId }, feedTaskJobId(taskId));
    }
    for (const schedule of await allFeedSchedules(em)) {
      await scheduleFeedTicks(this.queues, schedule);
    }
  }
}
