import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError } from '@loyalty/kernel';
import { AccountContext, CLOCK, JobQueues, parseOutboundUrl, recordAudit, Task } from '@loyalty/platform';
import { validateFeedSchedule } from '../domain/feed-schedule-input';
import { FeedFormat, FeedSchedule } from '../entities/feed-schedule.entity';
import { FEED_IMPORT_TASK, feedTaskJobId, scheduleFeedTicks } from './feed-import-jobs';

export interface FeedImportInput {
  format: FeedFormat;
  content?: string | null;
  url?: string | null;
  schedule?: { cron: string; timezone: string } | null;
}

/**
 * `market/products/feed_import`: records a task (the content travels with it) and queues it for the
 * worker; with a schedule, also records the schedule and its job scheduler. A lost job is found
 * again by the worker's sweep, so Redis being briefly away does not lose the import.
 */
@Injectable()
export class StartFeedImport {
  private readonly logger = new Logger(StartFeedImport.name);

  constructor(
    private readonly em: EntityManager,
    private readonly queues: JobQueues,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: FeedImportInput): Promise<{ task_id: number; schedule_id: number | null }> {
    const hasContent = input.content != null && input.content !== '';
    const hasUrl = input.url != null && input.url !== '';
    if (hasContent === hasUrl) throw DomainError.invalid('content', 'send either content or url');
    if (hasUrl) parseOutboundUrl(input.url as string);
    if (input.schedule) {
      if (!hasUrl) throw DomainError.invalid('schedule', 'a schedule needs a url to fetch the feed from');
      validateFeedSchedule(input.schedule);
    }
    const { task, schedule } = await this.em.transactional(async (em) => {
      const now = this.clock.now();
      const schedule = input.schedule ? await this.saveSchedule(em, input, input.schedule, now) : null;
      const task = em.create(Task, {
        account: AccountContext.accountId(),
        kind: FEED_IMPORT_TASK,
        status: 'queued',
        progress: 0,
        input: { format: input.format, url: input.url ?? null, schedule_id: schedule?.id ?? null },
        payload: hasContent ? (input.content as string) : null,
        result: null,
        errors: [],
        createdAt: now,
      });
      await em.flush();
      return { task, schedule };
    });
    try {
      await this.queues.enqueue('imports.feed.run', { task_id: task.id }, { jobId: feedTaskJobId(task.id) });
      if (schedule) await scheduleFeedTicks(this.queues, schedule);
    } catch (error) {
      this.logger.warn(
        `feed task ${task.id} recorded but not queued (the sweep will queue it): ${(error as Error).message}`,
      );
    }
    return { task_id: task.id, schedule_id: schedule?.id ?? null };
  }

  /**
   * One schedule per feed (account, url and format): sending a schedule again changes its cron and
   * time zone instead of adding a second one that would fire at the same instants.
   */
  private async saveSchedule(
    em: EntityManager,
    input: FeedImportInput,
    timing: { cron: string; timezone: string },
    now: Date,
  ): Promise<FeedSchedule> {
    const url = input.url as string;
    const existing = await em.findOne(FeedSchedule, { url, format: input.format });
    const before = existing && { cron: existing.cron, timezone: existing.timezone };
    const schedule =
      existing ??
      em.create(FeedSchedule, {
        account: AccountContext.accountId(),
        format: input.format,
        url,
        ...timing,
        createdAt: now,
      });
    Object.assign(schedule, timing);
    await em.flush();
    recordAudit(em, this.clock, {
      entityType: 'market_feed_schedule',
      entityId: schedule.id,
      action: existing ? 'update' : 'create',
      before,
      after: { format: input.format, url, ...timing },
    });
    return schedule;
  }
}
