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
  /**
   * Settles a tenant's due ledger work (lot activations and expiries, holds past their deadline);
   * one job per (tenant, due minute), `due_minute` in epoch milliseconds.
   */
  'loyalty.due.settle': { account_id: number; due_minute: number };
  /** Sends a program's `points.expiring` notices of one local date (YYYY-MM-DD). */
  'loyalty.notices.send': { program_id: number; local_date: string };
  /** Wakes one action-hook delivery for its next attempt (the delivery row holds the truth). */
  'hooks.delivery.send': { delivery_id: number };
  /** Reviews a periodic tier group at a review instant (and any earlier review still undone). */
  'loyalty.tiers.review': { tier_group_id: number; review_at: string };
  /** Runs one queued transactions export task (`loyalty/transactions_export`). */
  'imports.transactions.export': { task_id: number };
  /** Executes step `step` of a scenario run (the run row holds the truth; a stale step does nothing). */
  'scenarios.run.step': { run_id: number; step: number };
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
  'loyalty.due.settle': {
    queue: 'loyalty',
    description: 'Activate and expire due lots, release holds past their deadline',
  },
  'loyalty.notices.send': { queue: 'loyalty', description: "Send a program's expiry notices of one local day" },
  'hooks.delivery.send': { queue: 'hooks', description: 'Send one attempt of an action-hook delivery' },
  'loyalty.tiers.review': { queue: 'loyalty', description: 'Review the members of a periodic tier group' },
  'imports.transactions.export': { queue: 'imports', description: "Export a program's transactions as CSV (a task)" },
  'scenarios.run.step': { queue: 'scenarios', description: 'Execute the next node of a scenario run' },
};

export const JOB_NAMES = Object.keys(JOB_CATALOG) as JobName[];

/**
 * Jobs one worker process runs at once per queue, where it differs from the default of 4: hook
 * deliveries spend their time waiting on other servers (up to 10 s each), so one slow endpoint
 * must not take every slot (a hook has at most 4 attempts in flight). Scenario steps are short
 * database transactions, except webhook nodes (up to 10 s), so a few more run at once.
 */
export const QUEUE_CONCURRENCY: Partial<Record<QueueName, number>> = { hooks: 32, scenarios: 8 };

/**
 * How long a worker's lock on a running job lasts, where it differs from BullMQ's 30 s (a live
 * worker renews it every half). A job whose worker died is taken up again once its lock expired
 * and the stalled check (every half lock) saw it: scenario steps are short, so a killed worker's
 * steps resume within about 15 s instead of a minute.
 */
export const QUEUE_LOCK_MS: Partial<Record<QueueName, number>> = { scenarios: 10_000 };
