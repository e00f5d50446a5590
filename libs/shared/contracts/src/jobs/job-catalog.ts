import type { Json } from '../json';

/** Queues are few and short-named; jobs are dotted and belong to exactly one queue. */
export const QUEUE_NAMES = ['maintenance', 'loyalty', 'hooks', 'scenarios', 'imports'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * Every job the worker runs, with its payload. Payloads are JSON only (dates as RFC 3339 text),
 * because that is what a job is after a round trip through Redis.
 */
export interface JobPayloads {
  /** Deletes idempotency records past their 24 h. */
  'maintenance.idempotency.purge': { batch_size: number };
  /** Runs one queued feed-import task (`market/products/feed_import`). */
  'imports.feed.run': { task_id: number };
  /** A scheduled feed's tick: creates a task for the schedule and runs it. */
  'imports.feed.tick': { schedule_id: number };
  /** Runs one queued promo-code generation task (`promocodes/generate` above 10,000 codes). */
  'imports.promocodes.generate': { task_id: number };
  /** Runs one queued transactions export task (`loyalty/transactions_export`). */
  'imports.transactions.export': { task_id: number };
}

export type JobName = keyof JobPayloads;

/** Compile-time proof that every payload is JSON. */
type AssertJson<T extends { [K in keyof T]: Json }> = T;
export type CheckedJobPayloads = AssertJson<JobPayloads>;

export const JOB_CATALOG: { readonly [K in JobName]: { queue: QueueName; description: string } } = {
  'maintenance.idempotency.purge': { queue: 'maintenance', description: 'Delete idempotency records past their 24 h' },
  'imports.feed.run': { queue: 'imports', description: 'Import a YML or CSV product feed (a task)' },
  'imports.feed.tick': { queue: 'imports', description: 'Start the import of a scheduled feed' },
  'imports.promocodes.generate': { queue: 'imports', description: 'Generate a large batch of promo codes (a task)' },
  'imports.transactions.export': { queue: 'imports', description: "Export a program's transactions as CSV (a task)" },
};

export const JOB_NAMES = Object.keys(JOB_CATALOG) as JobName[];
