import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import { JOB_CATALOG, JobName, JobPayloads, QueueName } from '@loyalty/contracts';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/**
 * Connection options for BullMQ, read from REDIS_URL (host, port, credentials, database index, TLS).
 * BullMQ opens and closes its own connections from them; it needs `maxRetriesPerRequest: null`.
 */
export function bullConnection(config: AppConfig): RedisOptions {
  const url = new URL(config.redisUrl);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/** BullMQ keys live under the deployment's Redis prefix. */
export function bullPrefix(config: AppConfig): string {
  return `${config.redisPrefix}:bull`;
}

/** Typed access to the queues: a job name fixes its queue and its payload type. */
@Injectable()
export class JobQueues implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: bullConnection(this.config), prefix: bullPrefix(this.config) });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue<K extends JobName>(name: K, payload: JobPayloads[K], options: JobsOptions = {}): Promise<void> {
    await this.queue(JOB_CATALOG[name].queue).add(name, payload, {
      removeOnComplete: true,
      removeOnFail: 1000,
      ...options,
    });
  }

  /** Queues many jobs of one name in one round trip (BullMQ ignores ids it still holds). */
  async enqueueMany<K extends JobName>(
    name: K,
    jobs: Array<{ payload: JobPayloads[K]; options?: JobsOptions }>,
  ): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue(JOB_CATALOG[name].queue).addBulk(
      jobs.map((job) => ({
        name,
        data: job.payload,
        opts: { removeOnComplete: true, removeOnFail: 1000, ...job.options },
      })),
    );
  }

  /**
   * Queues `name` under a deterministic id again, for a sweep restoring lost work. BullMQ ignores an
   * id it still holds, so a finished or failed job of that id is removed first; a job still
   * waiting or running is left as it is, and a delayed one is only brought forward when
   * `options.delay` asks for an earlier run.
   */
  async requeue<K extends JobName>(
    name: K,
    payload: JobPayloads[K],
    jobId: string,
    options: JobsOptions = {},
  ): Promise<void> {
    const queue = this.queue(JOB_CATALOG[name].queue);
    const existing = await queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state === 'delayed' && options.delay !== undefined) {
        const runsIn = existing.timestamp + existing.delay - Date.now(); // BullMQ delays run on real time
        if (options.delay < runsIn) await existing.changeDelay(Math.max(options.delay, 0));
        return;
      }
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return;
      await existing.remove();
    }
    await this.enqueue(name, payload, { ...options, jobId });
  }

  /** Creates or updates a repeating job; safe to call again (the sweep does, in case Redis lost it). */
  async schedule<K extends JobName>(
    schedulerId: string,
    everyMs: number,
    name: K,
    payload: JobPayloads[K],
  ): Promise<void> {
    await this.queue(JOB_CATALOG[name].queue).upsertJobScheduler(
      schedulerId,
      { every: everyMs },
      { name, data: payload, opts: { removeOnComplete: true, removeOnFail: 1000 } },
    );
  }

  /** Creates or updates a job repeating on a cron pattern in a time zone. */
  async scheduleCron<K extends JobName>(
    schedulerId: string,
    cron: { pattern: string; timezone: string },
    name: K,
    payload: JobPayloads[K],
  ): Promise<void> {
    await this.queue(JOB_CATALOG[name].queue).upsertJobScheduler(
      schedulerId,
      { pattern: cron.pattern, tz: cron.timezone },
      { name, data: payload, opts: { removeOnComplete: true, removeOnFail: 1000 } },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
