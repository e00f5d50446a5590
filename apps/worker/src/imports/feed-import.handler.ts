import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '@loyalty/contracts';
import { RunFeedImport } from '@loyalty/market-catalog';
import { HandlesJob, JobHandler } from '../jobs/job-handler';

/** Runs a queued feed-import task; a second job for the same task finds it taken and does nothing. */
@Injectable()
@HandlesJob('imports.feed.run')
export class FeedImportHandler implements JobHandler<'imports.feed.run'> {
  constructor(private readonly runFeedImport: RunFeedImport) {}

  async handle(payload: JobPayloads['imports.feed.run']): Promise<void> {
    await this.runFeedImport.execute(payload.task_id);
  }
}
