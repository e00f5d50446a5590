import type { EntityManager } from '@mikro-orm/postgresql';
import type { JobName, JobPayloads } from '@loyalty/contracts';
import { JobQueues, TaskProgress } from '@loyalty/platform';

/** The jobs that run one task each (`{task_id}`). */
type TaskJobName = { [K in JobName]: JobPayloads[K] extends { task_id: number } ? K : never }[JobName];

/** A kind of task the worker runs, as the sweep needs to know it. */
export interface TaskJobs {
  kind: string;
  job: TaskJobName;
  jobId(taskId: number): string;
  /** A running task whose heartbeat stopped this long ago lost its worker. */
  staleMs: number;
}

/**
 * Queues again every task of the kind that lost its job: one whose worker stopped beating (put
 * back to queued), and one still queued after the grace period. Same deterministic job id, so a
 * job still waiting is not doubled and a failed one is replaced.
 */
export async function requeueLostTasks(
  em: EntityManager,
  queues: JobQueues,
  tasks: TaskJobs,
  now: Date,
): Promise<void> {
  for (const taskId of await TaskProgress.needingJobs(em, tasks.kind, now, tasks.staleMs)) {
    await queues.requeue(tasks.job, { task_id: taskId }, tasks.jobId(taskId));
  }
}
