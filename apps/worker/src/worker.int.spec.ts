import { Worker } from 'bullmq';
import { Clock, FixedClock } from '@loyalty/kernel';
import {
  APP_CONFIG,
  AppConfig,
  bullConnection,
  bullPrefix,
  CLOCK,
  CreateAccount,
  IdempotencyRecord,
  JobQueues,
  OutboxEvent,
  PLATFORM_ENTITIES,
  Task,
  writeOutboxEvents,
} from '@loyalty/platform';
import { createIntegrationContext, IntegrationContext } from '@loyalty/testing';
import { PurgeIdempotencyHandler } from './maintenance/purge-idempotency.handler';
import { ScheduleMaintenanceTask } from './maintenance/schedule-maintenance.task';
import { OutboxRelay } from './outbox/outbox-relay';
import { OutboxSink, RelayedEvent } from './outbox/outbox-sink';
import { PromoCodeGenerationSweep } from './promo-codes/promo-code-generation.sweep';

class RecordingSink extends OutboxSink {
  readonly delivered: RelayedEvent[] = [];

  async deliver(events: RelayedEvent[]): Promise<void> {
    this.delivered.push(...events);
  }
}

describe('worker pieces (real PostgreSQL and Redis)', () => {
  let ctx: IntegrationContext;
  let accountId: number;
  const sink = new RecordingSink();
  const clock = new FixedClock(new Date('2026-03-15T10:00:00.000Z'));

  beforeAll(async () => {
    ctx = await createIntegrationContext({
      label: 'worker',
      entities: PLATFORM_ENTITIES,
      env: { OUTBOX_POLL_MS: '60000' },
      providers: [
        OutboxRelay,
        { provide: OutboxSink, useValue: sink },
        PurgeIdempotencyHandler,
        ScheduleMaintenanceTask,
        PromoCodeGenerationSweep,
      ],
    });
    accountId = (await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name: 'Shop' }))).accountId;
  });

  afterAll(() => ctx.close());

  it('relays outbox events in id order, exactly once, and marks them relayed', async () => {
    const em = ctx.em();
    const written = writeOutboxEvents(
      em,
      Array.from({ length: 1_203 }, (_, index) => ({
        accountId,
        eventType: 'points.accrued',
        subjectKey: `member-${index % 7}`,
        payload: { index },
        occurredAt: clock.now(),
      })),
    );
    await em.flush();
    const relay = ctx.get(OutboxRelay);
    expect(await relay.drain()).toBe(1_203);
    expect(await relay.drain()).toBe(0);
    expect(sink.delivered.map((event) => event.payload['index'])).toEqual(written.map((_, index) => index));
    expect(await ctx.em().count(OutboxEvent, { relayedAt: null }, { filters: false })).toBe(0);
  });

  it('purges only idempotency records past their 24 hours', async () => {
    const em = ctx.em();
    const now = ctx.get<Clock>(CLOCK).now();
    const record = (key: string, expiresAt: Date) =>
      em.create(IdempotencyRecord, {
        scope: accountId,
        method: 'test',
        key,
        requestHash: 'h',
        statusCode: 200,
        responseBody: '{}',
        createdAt: new Date(expiresAt.getTime() - 86_400_000),
        expiresAt,
      });
    for (let index = 0; index < 7; index += 1) record(`old-${index}`, new Date(now.getTime() - 1_000 - index));
    record('fresh', new Date(now.getTime() + 60_000));
    await em.flush();
    await ctx.get(PurgeIdempotencyHandler).handle({ batch_size: 3 });
    const left = await ctx.em().find(IdempotencyRecord, {}, { filters: false });
    expect(left.map((row) => row.key)).toEqual(['fresh']);
  });

  it('keeps the hourly purge scheduled, re-creating the scheduler if Redis lost it', async () => {
    const task = ctx.get(ScheduleMaintenanceTask);
    const queue = ctx.get(JobQueues).queue('maintenance');
    await task.run();
    await task.run();
    expect((await queue.getJobSchedulers()).map((scheduler) => [scheduler.key, scheduler.every])).toEqual([
      ['idempotency-purge', 3_600_000],
    ]);
    await queue.removeJobScheduler('idempotency-purge');
    expect(await queue.getJobSchedulers()).toEqual([]);
    await task.run();
    expect(await queue.getJobSchedulers()).toHaveLength(1);
  });

  it('queues a job again under the same id after it failed, and leaves a waiting one alone', async () => {
    const queues = ctx.get(JobQueues);
    const config = ctx.get<AppConfig>(APP_CONFIG);
    const jobId = 'feed-task-424242';
    await queues.enqueue('imports.feed.run', { task_id: 424242 }, { jobId });
    const queue = queues.queue('imports');
    const worker = new Worker('imports', async () => Promise.reject(new Error('database away')), {
      connection: bullConnection(config),
      prefix: bullPrefix(config),
    });
    await new Promise((resolve) => worker.once('failed', resolve));
    await worker.close();
    expect(await (await queue.getJob(jobId))?.getState()).toBe('failed');

    await queues.enqueue('imports.feed.run', { task_id: 424242 }, { jobId });
    expect(await (await queue.getJob(jobId))?.getState()).toBe('failed');
    await queues.requeue('imports.feed.run', { task_id: 424242 }, jobId);
    expect(await (await queue.getJob(jobId))?.getState()).toBe('waiting');
    const waitingSince = (await queue.getJob(jobId))?.timestamp;
    await queues.requeue('imports.feed.run', { task_id: 424242 }, jobId);
    expect((await queue.getJob(jobId))?.timestamp).toBe(waitingSince);
    expect(await queue.getJobCounts('waiting', 'failed')).toMatchObject({ waiting: 1, failed: 0 });
  });

  it('queues a promo-code generation task again when its worker stopped beating or its job was lost', async () => {
    const em = ctx.em();
    const now = new Date('2026-03-15T10:00:00.000Z');
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const task = (status: 'queued' | 'running', createdAt: Date, heartbeatAt: Date | null) =>
      em.create(Task, {
        account: accountId,
        kind: 'promocodes.generate',
        status,
        progress: status === 'running' ? 40 : 0,
        input: { loyalty_id: 1, pattern: 'X-######', count: 20_000 },
        result: null,
        errors: [],
        createdAt,
        startedAt: status === 'running' ? createdAt : null,
        heartbeatAt,
      });
    const silent = task('running', ago(600_000), ago(121_000));
    const lost = task('queued', ago(31_000), null);
    const beating = task('running', ago(600_000), ago(10_000));
    const young = task('queued', ago(1_000), null);
    await em.flush();
    await ctx.get(PromoCodeGenerationSweep).run(now);
    const queue = ctx.get(JobQueues).queue('imports');
    const state = async (id: number) => (await queue.getJob(`promocodes-generate-${id}`))?.getState();
    expect([await state(silent.id), await state(lost.id), await state(beating.id), await state(young.id)]).toEqual([
      'waiting',
      'waiting',
      undefined,
      undefined,
    ]);
    expect(await ctx.em().findOneOrFail(Task, { id: silent.id }, { filters: false })).toMatchObject({
      status: 'queued',
      progress: 0,
      heartbeatAt: null,
    });
  });
});
