import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import type { Logger } from 'pino';
import { Histogram } from 'prom-client';
import { JOB_CATALOG, JOB_NAMES, QUEUE_CONCURRENCY, QUEUE_LOCK_MS, QueueName } from '@loyalty/contracts';
import { APP_CONFIG, AppConfig, bullConnection, bullPrefix, LOGGER, Metrics } from '@loyalty/platform';
import { JobRegistry } from './job-registry';

/** What the latency needs of a job: when it was added, its delay, when a worker took it. */
export type JobTiming = Pick<Job, 'timestamp' | 'processedOn' | 'opts'> & { delay?: number };

/**
 * Seconds from the instant a job was due (added, plus its delay) to the start of its processing:
 * the lag of the queue, delayed jobs included. Both instants are BullMQ's own (Redis-side wall
 * clock), not the platform clock, which a test may have moved. Only the first attempt counts: a
 * retry waits on purpose. Null when BullMQ did not stamp the start.
 */
export function jobLatencySeconds(job: JobTiming, attemptsMade: number): number | null {
  if (job.processedOn == null || attemptsMade > 0) return null;
  const due = job.timestamp + (job.delay ?? job.opts.delay ?? 0);
  return Math.max(0, job.processedOn - due) / 1000;
}

function lockOptions(lockMs: number | undefined): { lockDuration?: number; stalledInterval?: number } {
  return lockMs ? { lockDuration: lockMs, stalledInterval: lockMs / 2 } : {};
}

/** One BullMQ worker per queue that has jobs; each job goes to its registered handler. */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly workers: Worker[] = [];
  private readonly duration: Histogram<'job' | 'outcome'>;
  private readonly latency: Histogram<'queue' | 'job'>;

  constructor(
    private readonly registry: JobRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    metrics: Metrics,
  ) {
    this.duration = new Histogram({
      name: 'job_duration_seconds',
      help: 'Job run time by job name and outcome',
      labelNames: ['job', 'outcome'] as const,
      buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
      registers: [metrics.registry],
    });
    this.latency = new Histogram({
      name: 'job_latency_seconds',
      help: 'Time from the instant a job was due (added plus its delay) to the start of its processing',
      labelNames: ['queue', 'job'] as const,
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 1800],
      registers: [metrics.registry],
    });
  }

  onApplicationBootstrap(): void {
    this.registry.collect();
    const queues = new Set<QueueName>(JOB_NAMES.map((name) => JOB_CATALOG[name].queue));
    for (const queue of queues) {
      const worker = new Worker(queue, (job) => this.run(job), {
        connection: bullConnection(this.config),
        prefix: bullPrefix(this.config),
        concurrency: QUEUE_CONCURRENCY[queue] ?? 4,
        ...lockOptions(QUEUE_LOCK_MS[queue]),
      });
      worker.on('failed', (job, error) => this.logger.warn({ err: error, job: job?.name, id: job?.id }, 'job failed'));
      this.workers.push(worker);
    }
  }

  private async run(job: Job): Promise<void> {
    const handler = this.registry.handler(job.name);
    if (!handler) throw new Error(`No handler for job ${job.name}`);
    const latency = jobLatencySeconds(job, job.attemptsMade);
    if (latency !== null) this.latency.observe({ queue: job.queueName, job: job.name }, latency);
    const stop = this.duration.startTimer({ job: job.name });
    try {
      await handler.handle(job.data, { jobId: job.id, attempt: job.attemptsMade + 1 });
      stop({ outcome: 'completed' });
    } catch (error) {
      stop({ outcome: 'failed' });
      throw error;
    }
  }

  /** Waits for running jobs to finish, so nothing is left stalled. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}
