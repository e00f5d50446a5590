/** The task kind of a feed import, and the deterministic BullMQ ids of its jobs (no `:` allowed). */
export const FEED_IMPORT_TASK = 'market.feed_import';

export const feedTaskJobId = (taskId: number) => `feed-task-${taskId}`;

export const feedScheduleJobId = (scheduleId: number) => `feed-schedule-${scheduleId}`;
