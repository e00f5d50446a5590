import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { JobName, JobPayloads } from '@loyalty/contracts';
import { JobQueues, TaskProgress } from '@loyalty/platform';
import { SweepTask } from './sweep-task';

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
 * Queues again every task of one kind that lost its job: one whose worker stopped beating (put
 * back to queued; its work rolled back or is redone from the start), and one still queued after
 * the grace period. Same deterministic job id, so a job still waiting is not doubled and a failed
 * one is replaced. A sweep per task kind extends this and names its `tasks`.
 */
@Injectable()
export abstract class LostTasksSweep extends SweepTask {
  protected abstract readonly tasks: TaskJobs;

  constructor(
    protected readonly orm: MikroORM,
    protected readonly queues: JobQueues,
  ) {
    super();
  }

  async run(now: Date): Promise<void> {
    const em = this.orm.em.fork();
    for (const taskId of await TaskProgress.needingJobs(em, this.tasks.kind, now, this.tasks.staleMs)) {
      await this.queues.requeue(this.tasks.job, { task_id: taskId }, this.tasks.jobId(taskId));
    }
  }
}
