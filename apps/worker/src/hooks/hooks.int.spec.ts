import { Worker } from 'bullmq';
import { QUEUE_CONCURRENCY } from '@loyalty/contracts';
import { isDomainError } from '@loyalty/kernel';
import {
  CreateHook,
  DeleteHook,
  HookDelivery,
  ListHookDeliveries,
  NOTIFICATION_ENTITIES,
  NotificationsModule,
  SendHookDelivery,
  verifyHookSignature,
  DeliveryScheduler,
} from '@loyalty/notifications';
import {
  APP_CONFIG,
  AppConfig,
  bullConnection,
  bullPrefix,
  CLOCK,
  CreateAccount,
  JobQueues,
  LOGGER,
  PLATFORM_ENTITIES,
  SharedTestClock,
  writeOutboxEvents,
} from '@loyalty/platform';
import { createIntegrationContext, HttpReceiver, IntegrationContext, waitFor } from '@loyalty/testing';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { OutboxRelay } from '../outbox/outbox-relay';
import { OutboxSink } from '../outbox/outbox-sink';
import { HookDeliveriesSweep } from './hook-deliveries.sweep';
import { HookDeliveryHandler } from './hook-delivery.handler';
import { HookDeliverySink } from './hook-delivery.sink';

const T0 = new Date('2026-03-15T10:00:00.000Z');
const SECOND = 1000;

describe('action hooks: relay, delivery, retries, dead letters, sweep (real PostgreSQL, Redis and HTTP)', () => {
  let ctx: IntegrationContext;
  let clock: SharedTestClock;
  let accountId: number;
  let otherAccountId: number;
  const receiver = new HttpReceiver();

  beforeAll(async () => {
    ctx = await createIntegrationContext({
      label: 'hooks',
      entities: [...PLATFORM_ENTITIES, ...NOTIFICATION_ENTITIES],
      imports: [NotificationsModule],
      env: { OUTBOX_POLL_MS: '60000', SWEEP_INTERVAL_MS: '3600000', TEST_CLOCK: 'true', ALLOW_PRIVATE_URLS: 'true' },
      providers: [
        OutboxRelay,
        { provide: OutboxSink, useClass: HookDeliverySink },
        HookDeliveriesSweep,
        HookDeliveryHandler,
      ],
    });
    clock = ctx.get(CLOCK);
    await clock.set(T0);
    accountId = (await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name: 'Shop' }))).accountId;
    otherAccountId = (await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name: 'Other' }))).accountId;
    await receiver.start();
  });

  afterAll(async () => {
    await receiver.stop();
    await ctx.close();
  });

  const as = <T>(fn: () => Promise<T>, account = accountId) => ctx.asAccount(account, fn);
  const createHook = (url: string, events: string[], secret?: string, account = accountId) =>
    as(() => ctx.get(CreateHook).execute({ url, events, secret }), account);

  async function emit(
    events: Array<{ type: string; subject?: string | null; payload?: Record<string, unknown> }>,
    account = accountId,
  ) {
    const em = ctx.em();
    const written = writeOutboxEvents(
      em,
      events.map((event) => ({
        accountId: account,
        eventType: event.type,
        subjectKey: event.subject === undefined ? 'profile:p-1' : event.subject,
        payload: event.payload ?? { amount: '10.00' },
        occurredAt: clock.now(),
      })),
    );
    await em.flush();
    await ctx.get(OutboxRelay).drain();
    return written.map((event) => event.eventId);
  }

  const deliveriesOf = (hookId: number) =>
    ctx.em().find(HookDelivery, { hook: hookId }, { filters: false, orderBy: { id: 'asc' }, populate: ['body'] });
  const send = (deliveryId: number) => ctx.get(SendHookDelivery).execute(deliveryId);

  it('retries a hook answering 500 three times at 10 s, 20 s and 40 s, then delivers once, signed', async () => {
    await clock.set(T0);
    const url = receiver.route('/flaky', (index) => (index < 3 ? 500 : 200));
    const { hookId, secret } = await createHook(url, ['points.accrued'], 'flaky-secret-0123456789');
    const [eventId] = await emit([{ type: 'points.accrued', payload: { amount: '5.00', profile_id: 'p-1' } }]);
    const [delivery] = await deliveriesOf(hookId);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 0, eventId, nextAttemptAt: T0 });

    const outcomes = [];
    outcomes.push(await send(delivery.id));
    expect(await send(delivery.id)).toEqual({ status: 'skipped' }); // not due before 10 s
    for (const wait of [10, 20, 40]) {
      await clock.set(new Date(clock.now().getTime() + wait * SECOND));
      outcomes.push(await send(delivery.id));
    }
    expect(outcomes.map((outcome) => [outcome.status, outcome.attempts, outcome.responseCode])).toEqual([
      ['pending', 1, 500],
      ['pending', 2, 500],
      ['pending', 3, 500],
      ['delivered', 4, 200],
    ]);
    expect(outcomes.map((outcome) => outcome.nextAttemptAt?.toISOString() ?? null)).toEqual([
      '2026-03-15T10:00:10.000Z',
      '2026-03-15T10:00:30.000Z',
      '2026-03-15T10:01:10.000Z',
      null,
    ]);
    expect(await send(delivery.id)).toEqual({ status: 'skipped' });

    const requests = receiver.at('/flaky');
    expect(requests).toHaveLength(4);
    const stamps = requests.map((request) => Date.parse(request.headers['x-timestamp'] as string));
    expect(stamps.slice(1).map((stamp, index) => (stamp - stamps[index]) / SECOND)).toEqual([10, 20, 40]);
    for (const request of requests) {
      expect(verifyHookSignature(secret, request.body, request.headers['x-signature'] as string)).toBe(true);
      expect(request.headers['x-event-id']).toBe(eventId);
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.body).toBe(requests[0].body);
    }
    expect(
      verifyHookSignature('another-secret-0123456789', requests[3].body, requests[3].headers['x-signature'] as string),
    ).toBe(false);
    expect(JSON.parse(requests[3].body)).toEqual({
      event_id: eventId,
      event_type: 'points.accrued',
      occurred_at: T0.toISOString(),
      account_id: accountId,
      sequence: 1,
      data: { amount: '5.00', profile_id: 'p-1' },
    });
    const [row] = await deliveriesOf(hookId);
    expect(row).toMatchObject({
      status: 'delivered',
      attempts: 4,
      lastResponseCode: 200,
      lastError: null,
      firstAttemptAt: T0,
      lastAttemptAt: new Date('2026-03-15T10:01:10.000Z'),
      deliveredAt: new Date('2026-03-15T10:01:10.000Z'),
      claimedAt: null,
    });
    // The job of each retry was queued with its deterministic id, delayed until the retry is due.
    const queue = ctx.get(JobQueues).queue('hooks');
    const retryJob = await queue.getJob(`hook-delivery-${delivery.id}-1`);
    expect(retryJob?.opts.delay).toBe(10 * SECOND + 100);
  });

  it('dead-letters a delivery still failing 24 h after its first attempt, with its attempt count', async () => {
    const start = new Date('2026-03-16T00:00:00.000Z');
    await clock.set(start);
    const url = receiver.route('/down', () => 503);
    const { hookId } = await createHook(url, ['points.expired']);
    await emit([{ type: 'points.expired' }]);
    const [delivery] = await deliveriesOf(hookId);
    let outcome = await send(delivery.id);
    while (outcome.status === 'pending') {
      await clock.set(outcome.nextAttemptAt as Date);
      outcome = await send(delivery.id);
    }
    expect(outcome).toMatchObject({ status: 'dead', attempts: 14, responseCode: 503 });
    expect(receiver.at('/down')).toHaveLength(14);
    const last = Date.parse(receiver.at('/down')[13].headers['x-timestamp'] as string);
    expect((last - start.getTime()) / SECOND).toBe(81_910);
    await clock.set(new Date(start.getTime() + 48 * 3600 * SECOND));
    expect(await send(delivery.id)).toEqual({ status: 'skipped' });
    const page = await as(() => ctx.get(ListHookDeliveries).execute(hookId, {}));
    expect(page.items.map((item) => [item.status, item.attempts, item.lastResponseCode, item.lastError])).toEqual([
      ['dead', 14, 503, 'HTTP 503'],
    ]);
  });

  it('numbers events per person (and per account for events about no one), the same for every hook', async () => {
    await clock.set(T0);
    const a = await createHook(
      receiver.route('/seq-a', () => 200),
      ['member.registered', 'points.accrued', 'order.committed'],
    );
    const b = await createHook(
      receiver.route('/seq-b', () => 200),
      ['points.accrued', 'order.committed'],
    );
    await emit([
      { type: 'member.registered', subject: 'profile:ann' },
      { type: 'points.accrued', subject: 'profile:ann' },
      { type: 'member.registered', subject: 'profile:bob' },
      { type: 'points.accrued', subject: 'profile:ann' },
      { type: 'order.committed', subject: null },
      { type: 'points.redeemed', subject: 'profile:bob' }, // no hook wants it: no number taken
      { type: 'points.accrued', subject: 'profile:bob' },
      { type: 'order.committed', subject: null },
    ]);
    await emit([{ type: 'points.accrued', subject: 'profile:ann' }]);
    const view = async (hookId: number) =>
      (await deliveriesOf(hookId)).map((row) => {
        const body = JSON.parse(row.body) as { sequence: number };
        expect(BigInt(body.sequence)).toBe(row.sequence);
        return `${row.eventType}:${body.sequence}`;
      });
    expect(await view(a.hookId)).toEqual([
      'member.registered:1',
      'points.accrued:2',
      'member.registered:1',
      'points.accrued:3',
      'order.committed:1',
      'points.accrued:2',
      'order.committed:2',
      'points.accrued:4',
    ]);
    expect(await view(b.hookId)).toEqual([
      'points.accrued:2',
      'points.accrued:3',
      'order.committed:1',
      'points.accrued:2',
      'order.committed:2',
      'points.accrued:4',
    ]);
  });

  it('creates each delivery once even if a batch were relayed again, and none for another account or type', async () => {
    const { hookId } = await createHook(
      receiver.route('/once', () => 200),
      ['tier.changed'],
    );
    await createHook(
      receiver.route('/foreign', () => 200),
      ['tier.changed'],
      undefined,
      otherAccountId,
    );
    await emit([{ type: 'tier.changed' }, { type: 'points.accrued' }]);
    expect(await deliveriesOf(hookId)).toHaveLength(1);
    const em = ctx.em() as EntityManager;
    const [event]: Array<{
      id: string;
      event_id: string;
      subject_key: string | null;
      payload: Record<string, unknown>;
      occurred_at: Date;
    }> = await em.execute(`select * from outbox_events where event_type = 'tier.changed' and account_id = ?`, [
      accountId,
    ]);
    const again = await em.transactional((tx) =>
      new HookDeliverySink(ctx.get(DeliveryScheduler), clock, ctx.get<Logger>(LOGGER)).deliver(
        [
          {
            id: Number(event.id),
            accountId,
            eventId: event.event_id,
            eventType: 'tier.changed',
            subjectKey: event.subject_key,
            payload: event.payload,
            occurredAt: new Date(event.occurred_at),
            startsScenarios: true,
          },
        ],
        tx,
      ),
    );
    expect(again).toBeUndefined();
    expect(await deliveriesOf(hookId)).toHaveLength(1);
  });

  it('gives a deleted hook no new deliveries and cancels its pending ones', async () => {
    await clock.set(T0);
    const url = receiver.route('/deleted', () => 200);
    const { hookId } = await createHook(url, ['member.deleted']);
    await emit([{ type: 'member.deleted' }]);
    const [pending] = await deliveriesOf(hookId);
    await as(() => ctx.get(DeleteHook).execute(hookId));
    await emit([{ type: 'member.deleted' }]);
    expect((await deliveriesOf(hookId)).map((row) => row.status)).toEqual(['canceled']);
    expect(await send(pending.id)).toEqual({ status: 'skipped' });
    expect(receiver.at('/deleted')).toHaveLength(0);
    await expect(as(() => ctx.get(ListHookDeliveries).execute(hookId, {}))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it("answers 404 for another account's hook, and error 1 with the path for unknown event types", async () => {
    const { hookId } = await createHook(
      receiver.route('/mine', () => 200),
      ['points.accrued'],
    );
    await expect(as(() => ctx.get(DeleteHook).execute(hookId), otherAccountId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(as(() => ctx.get(ListHookDeliveries).execute(hookId, {}), otherAccountId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const failure = await createHook('https://shop.example/hook', ['points.accrued', 'points.stolen']).catch(
      (error) => error,
    );
    expect(isDomainError(failure) && failure.details).toEqual({
      fields: [{ path: 'events[1]', message: expect.stringContaining('is not an event type') }],
    });
    const none = await createHook('https://shop.example/hook', []).catch((error) => error);
    expect(isDomainError(none) && none.details).toEqual({
      fields: [{ path: 'events', message: 'must name at least one event type' }],
    });
  });

  it('refuses loopback and private URLs when they are not allowed, at creation and again at delivery', async () => {
    const config = ctx.get<AppConfig>(APP_CONFIG);
    const strict = { ...config, allowPrivateUrls: false };
    const strictCreate = new CreateHook(ctx.get(EntityManager), clock, strict);
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://localhost/hook',
      'http://169.254.169.254/x',
      'http://[::1]/h',
    ]) {
      const failure = await as(() => strictCreate.execute({ url, events: ['points.accrued'] })).catch((error) => error);
      expect({ code: failure.code, path: failure.details.fields[0].path }).toEqual({
        code: 'VALIDATION_FAILED',
        path: 'url',
      });
    }
    const ftp = await as(() => strictCreate.execute({ url: 'ftp://shop.example/h', events: ['points.accrued'] })).catch(
      (error) => error,
    );
    expect(ftp.details.fields).toEqual([{ path: 'url', message: 'must be an http or https URL' }]);

    // A hook saved while private addresses were allowed is still refused at delivery time.
    await clock.set(T0);
    const { hookId } = await createHook(
      receiver.route('/private', () => 200),
      ['promocode.activated'],
    );
    await emit([{ type: 'promocode.activated', subject: 'promocode:1' }]);
    const [delivery] = await deliveriesOf(hookId);
    const strictSend = new SendHookDelivery(
      ctx.get<MikroORM>(MikroORM),
      ctx.get(DeliveryScheduler),
      clock,
      strict,
      ctx.get<Logger>(LOGGER),
    );
    expect(await strictSend.execute(delivery.id)).toMatchObject({ status: 'pending', attempts: 1, responseCode: null });
    expect((await deliveriesOf(hookId))[0].lastError).toBe('url: 127.0.0.1 is a private or loopback address');
    expect(receiver.at('/private')).toHaveLength(0);
  });

  it('puts a delivery left sending by a killed worker back, and queues due deliveries whose job was lost', async () => {
    await clock.set(T0);
    const { hookId } = await createHook(
      receiver.route('/swept', () => 200),
      ['order.refunded'],
    );
    await emit([{ type: 'order.refunded' }, { type: 'order.refunded' }]);
    const [stuck, lost] = await deliveriesOf(hookId);
    const em = ctx.em();
    // A worker claimed `stuck` and died; `lost` lost its job with Redis.
    await em.nativeUpdate(
      HookDelivery,
      { id: stuck.id },
      { status: 'sending', attempts: 1, claimedAt: T0 },
      { filters: false },
    );
    const queue = ctx.get(JobQueues).queue('hooks');
    await queue.obliterate({ force: true });
    await clock.set(new Date(T0.getTime() + 10 * SECOND));
    await ctx.get(HookDeliveriesSweep).run(clock.now());
    expect((await deliveriesOf(hookId)).map((row) => row.status)).toEqual(['sending', 'pending']); // lease not over yet
    expect(await queue.getJob(`hook-delivery-${lost.id}-0`)).toBeDefined();
    expect(await queue.getJob(`hook-delivery-${stuck.id}-1`)).toBeUndefined();

    await clock.set(new Date(T0.getTime() + 31 * SECOND));
    await ctx.get(HookDeliveriesSweep).run(clock.now());
    expect((await deliveriesOf(hookId)).map((row) => [row.status, row.attempts])).toEqual([
      ['pending', 1],
      ['pending', 0],
    ]);
    expect(await queue.getJob(`hook-delivery-${stuck.id}-1`)).toBeDefined();
    expect(await send(stuck.id)).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(await send(lost.id)).toMatchObject({ status: 'delivered', attempts: 1 });
    await queue.obliterate({ force: true });
  });

  it('lets a fast hook receive everything while a slow one times out, with at most 4 attempts in flight per hook', async () => {
    await clock.set(T0);
    const slow = await createHook(
      receiver.route('/slow', () => 'hold'),
      ['points.cancelled'],
    );
    const fast = await createHook(
      receiver.route('/fast', () => 200),
      ['points.cancelled'],
    );
    const config = ctx.get<AppConfig>(APP_CONFIG);
    const handler = ctx.get(HookDeliveryHandler);
    const worker = new Worker('hooks', (job) => handler.handle(job.data), {
      connection: bullConnection(config),
      prefix: bullPrefix(config),
      concurrency: QUEUE_CONCURRENCY.hooks,
    });
    try {
      await emit(Array.from({ length: 6 }, () => ({ type: 'points.cancelled' })));
      const statuses = async (hookId: number) => (await deliveriesOf(hookId)).map((row) => row.status).sort();
      await waitFor(
        async () => receiver.heldCount === 4 && (await statuses(fast.hookId)).every((status) => status === 'delivered'),
        9_000,
      );
      // Every fast delivery arrived while four slow attempts were still open; the slow hook's other two wait their turn.
      expect(await statuses(fast.hookId)).toEqual(Array(6).fill('delivered'));
      expect(await statuses(slow.hookId)).toEqual(['pending', 'pending', 'sending', 'sending', 'sending', 'sending']);
      expect(receiver.at('/fast')).toHaveLength(6);

      // After 10 s without an answer the open attempts fail and are scheduled for a retry in 10 s.
      await waitFor(
        async () => (await deliveriesOf(slow.hookId)).filter((row) => row.lastError !== null).length >= 4,
        20_000,
      );
      const failed = (await deliveriesOf(slow.hookId)).filter((row) => row.lastError !== null);
      expect(
        failed.slice(0, 4).map((row) => [row.attempts, row.lastResponseCode, row.lastError, row.nextAttemptAt]),
      ).toEqual(Array(4).fill([1, null, 'no answer within 10000 ms', new Date(T0.getTime() + 10 * SECOND)]));
    } finally {
      await worker.close(true);
      receiver.release(200);
    }
  }, 60_000);
});
