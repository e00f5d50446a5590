import { QueueEvents } from 'bullmq';
import { E2eStack, startE2eStack, TEST_REDIS_URL } from '@loyalty/testing';
import { callOk, createAccount, sleep, TestAccount } from './support/e2e-helpers';

const CODES = 100_000;

type TaskView = { status: string; progress: number; result: Record<string, unknown> | null; errors: unknown[] };

/**
 * spec/quality.md §3: "the worker closes its BullMQ workers without stalling jobs". A promo-code
 * generation task (one long job) is running when the worker gets SIGTERM: the job completes with
 * all its codes, BullMQ reports it completed (not failed, not stalled), and the process exits 0.
 */
describe('SIGTERM to the worker during a job', () => {
  let stack: E2eStack;
  let account: TestAccount;
  let events: QueueEvents;
  const seen: Array<[string, string]> = [];

  beforeAll(async () => {
    stack = await startE2eStack('worker-sigterm');
    account = await createAccount(stack, 'Shutdown');
    const redis = new URL(TEST_REDIS_URL);
    events = new QueueEvents('imports', {
      connection: {
        host: redis.hostname,
        port: Number(redis.port || 6379),
        db: redis.pathname.length > 1 ? Number(redis.pathname.slice(1)) : 0,
      },
      prefix: `${stack.redisPrefix}:bull`,
    });
    for (const event of ['active', 'completed', 'failed', 'stalled'] as const) {
      events.on(event, ({ jobId }: { jobId: string }) => seen.push([event, jobId]));
    }
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await events?.close();
    await stack?.stop();
  });

  it('lets the running job finish, reports it completed, and exits with 0', async () => {
    const ok = <T>(method: string, body: unknown) => callOk<T>(stack, method, body, account.admin);
    const program = await ok<{ loyalty_id: number }>('promocodes/programs/create', {
      name: 'Many',
      short_name: 'many',
      kind: 'universal',
    });
    const started = await ok<{ task_id: number }>('promocodes/generate', {
      loyalty_id: program.loyalty_id,
      pattern: 'BYE-########',
      count: CODES,
    });
    const jobId = `promocodes-generate-${started.task_id}`;
    let task = await ok<TaskView>('tasks/get', { task_id: started.task_id });
    for (let tries = 0; tries < 300 && task.status === 'queued'; tries += 1) {
      await sleep(50);
      task = await ok<TaskView>('tasks/get', { task_id: started.task_id });
    }
    expect(task.status).toBe('running');

    const signalledAt = Date.now();
    const exitCode = await stack.signalWorker('SIGTERM');
    const exitedAfterMs = Date.now() - signalledAt;
    expect(exitCode).toBe(0);

    task = await ok<TaskView>('tasks/get', { task_id: started.task_id });
    expect(task).toMatchObject({ status: 'done', progress: 100, result: { created: CODES }, errors: [] });
    const codes = await ok<{ total_count: number }>('promocodes/list', { loyalty_id: program.loyalty_id, limit: 1 });
    expect(codes.total_count).toBe(CODES);

    for (let tries = 0; tries < 100 && !seen.some(([event]) => event === 'completed'); tries += 1) await sleep(50);
    expect(seen.filter(([, id]) => id === jobId)).toEqual([
      ['active', jobId],
      ['completed', jobId],
    ]);
    console.log(`worker exited 0 ${exitedAfterMs} ms after SIGTERM, its ${CODES}-code job completed`);
  });
});
