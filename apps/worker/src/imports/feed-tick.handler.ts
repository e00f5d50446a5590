import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '@loyalty/contracts';
import { TickFeedSchedule } from '@loyalty/market-catalog';
import { HandlesJob, JobHandler } from '../jobs/job-handler';

/** A feed schedule's tick: imports the feed again as a new task. */
@Injectable()
@HandlesJob('imports.feed.tick')
export class FeedTickHandler implements JobHandler<'imports.feed.tick'> {
  constructor(private readonly tickFeedSchedule: TickFeedSchedule) {}

  async handle(payload: JobPayloads['imports.feed.tick']): Promise<void> {
    await this.tickFeedSchedule.execute(payload.schedule_id);
  }
}
