import { Injectable } from '@nestjs/common';
import {
  allFeedSchedules,
  FEED_IMPORT_TASK,
  FEED_TASK_STALE_MS,
  feedTaskJobId,
  scheduleFeedTicks,
} from '@loyalty/market-catalog';
import { LostTasksSweep } from '../sweep/lost-tasks.sweep';

/**
 * Feed imports that lost their job (a dead worker's import rolled back with its transaction), and
 * every feed schedule's job scheduler rebuilt from its row.
 */
@Injectable()
export class FeedImportsSweep extends LostTasksSweep {
  readonly name = 'feed-imports';
  protected readonly tasks = {
    kind: FEED_IMPORT_TASK,
    job: 'imports.feed.run',
    jobId: feedTaskJobId,
    staleMs: FEED_TASK_STALE_MS,
  } as const;

  override async run(now: Date): Promise<void> {
    await super.run(now);
    for (const schedule of await allFeedSchedules(this.orm.em.fork())) {
      await scheduleFeedTicks(this.queues, schedule);
    }
  }
}
