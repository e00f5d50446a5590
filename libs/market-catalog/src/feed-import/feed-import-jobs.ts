import type { JobQueues } from '@loyalty/platform';
import type { FeedSchedule } from '../entities/feed-schedule.entity';

/** The task kind of a feed import, and the deterministic BullMQ ids of its jobs (no `:` allowed). */
export const FEED_IMPORT_TASK = 'market.feed_import';

export const feedTaskJobId = (taskId: number) => `feed-task-${taskId}`;

export const feedScheduleJobId = (scheduleId: number) => `feed-schedule-${scheduleId}`;

/** Creates or updates the job scheduler that ticks a feed schedule (its row is the truth). */
export function scheduleFeedTicks(queues: JobQueues, schedule: FeedSchedule): Promise<void> {
  return queues.scheduleCron(
    feedScheduleJobId(schedule.id),
    { pattern: schedule.cron, timezone: schedule.timezone },
    'imports.feed.tick',
    { schedule_id: schedule.id },
  );
}
