import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { CLOCK, Task } from '@loyalty/platform';
import { FeedSchedule } from '../entities/feed-schedule.entity';
import { FEED_IMPORT_TASK } from './feed-import-jobs';
import { RunFeedImport } from './run-feed-import.use-case';

/** One tick of a feed schedule: a new task for the schedule's feed, run at once. */
@Injectable()
export class TickFeedSchedule {
  constructor(
    private readonly orm: MikroORM,
    private readonly runFeedImport: RunFeedImport,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(scheduleId: number): Promise<'done' | 'failed' | 'skipped'> {
    const em = this.orm.em.fork();
    const schedule = await em.findOne(FeedSchedule, { id: scheduleId }, { filters: false });
    if (!schedule) return 'skipped';
    const task = em.create(Task, {
      account: schedule.account,
      kind: FEED_IMPORT_TASK,
      status: 'queued',
      progress: 0,
      input: { format: schedule.format, url: schedule.url, schedule_id: schedule.id },
      result: null,
      errors: [],
      createdAt: this.clock.now(),
    });
    await em.flush();
    return this.runFeedImport.execute(task.id);
  }
}
