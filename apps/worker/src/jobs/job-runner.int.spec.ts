import { QueueEvents } from 'bullmq';
import type { Logger } from 'pino';
import {
  APP_CONFIG,
  AppConfig,
  bullConnection,
  bullPrefix,
  createLogger,
  JobQueues,
  Metrics,
  PLATFORM_ENTITIES,
} from '@loyalty/platform';
import { createIntegrationContext, IntegrationContext } from '@loyalty/testing';
import type { JobRegistry } from './job-registry';
import { JobRunner } from './job-runner';

/** The series of `job_latency_seconds` for one label set, as `{count, sum}`. */
async function latency(metrics: Metrics, queue: string, job: string): Promise<{ count: number; sum: number }> {
  const text = await metrics.registry.metrics();
  const value = (suffix: string) => {
    const line = text
      .split('\n')
      .find(
        (row) =>
          row.startsWith(`job_latency_seconds_${suffix}{`) &&
          row.includes(`queue="${queue}"`) &&
          row.includes(`job="${job}"`),
      );
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
  };
  return { count: value('count'), sum: value('sum') };
}

describe('job latency (real Redis)', () => {
  let ctx: IntegrationContext;
  let runner: JobRunner;
  const metrics = new Metrics('worker');
  const ran: Array<{ id: string | undefined }> = [];

  beforeAll(async () => {
    ctx = await createIntegrationContext({ label: 'job-latency', entities: PLATFORM_ENTITIES });
    const registry = {
      collect: () => undefined,
      handler: () => ({
        handle: async (_payload: unknown, context: { jobId: string | undefined }) => {
          ran.push({ id: context.jobId });
        },
      }),
    } as unknown as JobRegistry;
    const logger: Logger = createLogger('error', 'test');
    runner = new JobRunner(registry, ctx.get<AppConfig>(APP_CONFIG), logger, metrics);
    runner.onApplicationBootstrap();
  });

  afterAll(async () => {
    await runner.onApplicationShutdown();
    await ctx.close();
  });

  it('observes job_latency_seconds{queue,job} once per job, from the end of its delay to its start', async () => {
    const config = ctx.get<AppConfig>(APP_CONFIG);
    const events = new QueueEvents('maintenance', { connection: bullConnection(config), prefix: bullPrefix(config) });
    await events.waitUntilReady();
    const queues = ctx.get(JobQueues);
    const done = (jobId: string) =>
      new Promise<void>((resolve) => {
        const listener = (event: { jobId: string }) => {
          if (event.jobId !== jobId) return;
          events.off('completed', listener);
          resolve();
        };
        events.on('completed', listener);
      });
    const first = done('latency-now');
    const second = done('latency-delayed');
    await queues.enqueue('maintenance.idempotency.purge', { batch_size: 1 }, { jobId: 'latency-now' });
    await queues.enqueue('maintenance.idempotency.purge', { batch_size: 1 }, { jobId: 'latency-delayed', delay: 300 });
    await Promise.all([first, second]);
    await events.close();

    expect(ran.map((job) => job.id).sort()).toEqual(['latency-delayed', 'latency-now']);
    const observed = await latency(metrics, 'maintenance', 'maintenance.idempotency.purge');
    expect(observed.count).toBe(2);
    expect(observed.sum).toBeGreaterThanOrEqual(0); // the arithmetic (delay excluded) is in job-runner.spec.ts
  });
});
