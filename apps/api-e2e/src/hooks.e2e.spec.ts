import {
  EVENT_DATA_SCHEMAS,
  EventType,
  HOOK_BODY_SCHEMA,
  HOOK_TEST_DATA_SCHEMA,
  validateJson,
} from '@loyalty/contracts';
import { E2eStack, HttpReceiver, signatureValid, startE2eStack, waitFor } from '@loyalty/testing';
import {
  createAccount,
  createDatabase,
  Envelope,
  expectFailure,
  expectSuccess,
  TestAccount,
} from './support/e2e-helpers';

type HookBody = {
  event_id: string;
  event_type: string;
  occurred_at: string;
  account_id: number;
  sequence: number;
  data: Record<string, unknown>;
};
type DeliveryView = {
  delivery_id: number;
  event_id: string;
  event_type: string;
  sequence: number;
  status: string;
  attempts: number;
  last_response_code: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
};

async function loyaltySetup(stack: E2eStack, account: TestAccount): Promise<number> {
  const setup = async (method: string, body: object) =>
    expectSuccess(await stack.call<Envelope<Record<string, unknown>>>(method, body, account.admin));
  const dbId = await createDatabase(stack, account.admin, 'Customers');
  const programId = (
    await setup('loyalty/programs/create', {
      name: 'Club',
      external_id: 'club',
      db_id: dbId,
      currency: 'RUB',
      timezone: 'UTC',
    })
  )['loyalty_program_id'] as number;
  await setup('loyalty/points_currencies/create', {
    loyalty_program_id: programId,
    name: 'Bonus',
    external_id: 'bonus',
    type: 'standard',
  });
  await setup('loyalty/promotions/create', {
    loyalty_program_id: programId,
    type: 'trigger',
    name: 'Manual',
    external_id: 'manual',
    is_active: true,
    accrual_rules: [{ points_currency_eid: 'bonus' }],
    redeem_rules: [{ points_currency_eid: 'bonus' }],
  });
  return programId;
}

describe('action hooks over HTTP', () => {
  let stack: E2eStack;
  let account: TestAccount;
  let other: TestAccount;
  let programId: number;
  const receiver = new HttpReceiver();

  const call = <T>(method: string, body: object, token = account.admin) => stack.call<Envelope<T>>(method, body, token);
  const ok = async <T>(method: string, body: object, token = account.admin): Promise<T> =>
    expectSuccess(await call<T>(method, body, token));
  const deliveries = (hookId: number) =>
    ok<{ items: DeliveryView[]; next_from_id: number | null; total_count: number }>('hooks/deliveries', {
      hook_id: hookId,
    });

  beforeAll(async () => {
    stack = await startE2eStack('hooks', { RATE_LIMIT_PER_MINUTE: '1000000', OUTBOX_POLL_MS: '100' });
    await receiver.start();
    account = await createAccount(stack, 'Hooks shop');
    other = await createAccount(stack, 'Other shop');
    programId = await loyaltySetup(stack, account);
  });

  afterAll(async () => {
    await stack?.stop();
    await receiver.stop();
  });

  it('creates, lists, tests and deletes hooks, and shows their deliveries', async () => {
    const given = await ok<{ hook_id: number; secret: string }>('hooks/create', {
      url: receiver.route('/crud'),
      events: ['points.accrued'],
      secret: 'my-shared-secret-0123456789',
    });
    expect(given.secret).toBe('my-shared-secret-0123456789');
    const generated = await ok<{ hook_id: number; secret: string }>('hooks/create', {
      url: receiver.route('/generated'),
      events: ['member.registered', 'member.registered'],
    });
    expect(generated.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);

    const listed = await ok<{ items: Array<Record<string, unknown>>; total_count: number; next_from_id: null }>(
      'hooks/list',
      {},
    );
    expect(listed).toEqual({
      items: [
        {
          hook_id: given.hook_id,
          url: receiver.route('/crud'),
          events: ['points.accrued'],
          created_at: expect.any(String),
        },
        {
          hook_id: generated.hook_id,
          url: receiver.route('/generated'),
          events: ['member.registered'],
          created_at: expect.any(String),
        },
      ],
      next_from_id: null,
      total_count: 2,
    });

    const tested = await ok<{ delivery_id: number; event_id: string }>('hooks/test', { hook_id: generated.hook_id });
    await waitFor(async () => (await deliveries(generated.hook_id)).items[0]?.status === 'delivered');
    const [request] = receiver.at('/generated');
    expect(signatureValid(generated.secret, request)).toBe(true);
    expect(request.headers['x-event-id']).toBe(tested.event_id);
    expect(Date.parse(String(request.headers['x-timestamp']))).not.toBeNaN();
    const body = JSON.parse(request.body) as HookBody;
    expect(validateJson(HOOK_BODY_SCHEMA, body)).toEqual([]);
    expect(validateJson(HOOK_TEST_DATA_SCHEMA, body.data)).toEqual([]);
    expect(body).toMatchObject({
      event_id: tested.event_id,
      event_type: 'hook.test',
      account_id: account.accountId,
      sequence: 0,
    });
    expect(await deliveries(generated.hook_id)).toEqual({
      items: [
        {
          delivery_id: tested.delivery_id,
          event_id: tested.event_id,
          event_type: 'hook.test',
          sequence: 0,
          status: 'delivered',
          attempts: 1,
          last_response_code: 200,
          last_error: null,
          next_attempt_at: null,
          last_attempt_at: expect.any(String),
          delivered_at: expect.any(String),
          created_at: expect.any(String),
        },
      ],
      next_from_id: null,
      total_count: 1,
    });

    expect(await ok('hooks/delete', { hook_id: generated.hook_id })).toEqual({
      hook_id: generated.hook_id,
      deleted_at: expect.any(String),
    });
    expect((await ok<{ total_count: number }>('hooks/list', {})).total_count).toBe(1);
    expectFailure(await call('hooks/deliveries', { hook_id: generated.hook_id }), 404, 4, 'NOT_FOUND');
    expectFailure(await call('hooks/delete', { hook_id: generated.hook_id }), 404, 4, 'NOT_FOUND');
  });

  it('refuses unknown event types, other schemes and unknown fields with error 1 and the path', async () => {
    const unknownType = expectFailure(
      await call('hooks/create', { url: receiver.route('/x'), events: ['points.accrued', 'points.stolen'] }),
      400,
      1,
      'VALIDATION_FAILED',
    );
    expect(unknownType.details.fields?.map((field) => field.path)).toEqual(['events[1]']);
    const ftp = expectFailure(
      await call('hooks/create', { url: 'ftp://shop.example/hook', events: ['points.accrued'] }),
      400,
      1,
      'VALIDATION_FAILED',
    );
    expect(ftp.details.fields).toEqual([{ path: 'url', message: 'must be an http or https URL' }]);
    const extra = expectFailure(
      await call('hooks/create', { url: receiver.route('/x'), events: ['points.accrued'], retries: 3 }),
      400,
      1,
      'VALIDATION_FAILED',
    );
    expect(extra.details.fields?.map((field) => field.path)).toEqual(['retries']);
  });

  it('delivers real ledger events, signed, numbered per member, with data matching their JSON Schemas', async () => {
    const { hook_id: hookId, secret } = await ok<{ hook_id: number; secret: string }>('hooks/create', {
      url: receiver.route('/ledger'),
      events: ['member.registered', 'points.accrued', 'points.redeemed', 'points.cancelled', 'member.deleted'],
    });
    const who = { loyalty_program_id: programId, matching: 'email', email: 'hooked@example.com' };
    const member = await ok<{ profile_id: string }>('loyalty/register_member', who, account.integration);
    const point = { ...who, promotion_id: 'manual', points_currency_eid: 'bonus' };
    await ok('loyalty/accrue_points', { ...point, amount: '100.00' }, account.integration);
    const redeemed = await ok<{ transaction_id: number }>(
      'loyalty/redeem_points',
      { ...point, amount: '30.00' },
      account.integration,
    );
    await ok(
      'loyalty/cancel_transaction',
      { loyalty_program_id: programId, transaction_id: redeemed.transaction_id },
      account.integration,
    );
    await ok('loyalty/delete_member', who, account.integration);

    await waitFor(() => receiver.at('/ledger').length >= 5);
    await waitFor(async () => (await deliveries(hookId)).items.every((item) => item.status === 'delivered'));
    const requests = receiver.at('/ledger');
    const bodies = requests.map((request) => JSON.parse(request.body) as HookBody);
    for (const [index, request] of requests.entries()) {
      expect(signatureValid(secret, request)).toBe(true);
      expect(request.headers['x-event-id']).toBe(bodies[index].event_id);
      expect(validateJson(HOOK_BODY_SCHEMA, bodies[index])).toEqual([]);
      expect({
        type: bodies[index].event_type,
        problems: validateJson(EVENT_DATA_SCHEMAS[bodies[index].event_type as EventType], bodies[index].data),
      }).toEqual({
        type: bodies[index].event_type,
        problems: [],
      });
      expect(bodies[index].data['profile_id']).toBe(member.profile_id);
    }
    const bySequence = [...bodies].sort((a, b) => a.sequence - b.sequence);
    expect(bySequence.map((body) => [body.sequence, body.event_type])).toEqual([
      [1, 'member.registered'],
      [2, 'points.accrued'],
      [3, 'points.redeemed'],
      [4, 'points.cancelled'],
      [5, 'member.deleted'],
    ]);
    expect(bySequence.map((body) => body.data['amount'] ?? null)).toEqual([null, '100.00', '-30.00', '30.00', null]);
    const listed = await deliveries(hookId);
    // Deliveries run in parallel, so they may arrive in another order than the list's (by id).
    expect(
      listed.items.map((item) => [item.event_type, item.status, item.attempts, item.last_response_code]).sort(),
    ).toEqual(bodies.map((body) => [body.event_type, 'delivered', 1, 200]).sort());
  });

  it('lets only the admin manage hooks, and answers 404 for another account’s hook', async () => {
    const { hook_id: hookId } = await ok<{ hook_id: number }>('hooks/create', {
      url: receiver.route('/private'),
      events: ['points.accrued'],
    });
    for (const token of [account.integration, account.read]) {
      expectFailure(await call('hooks/list', {}, token), 403, 3, 'FORBIDDEN');
      expectFailure(await call('hooks/deliveries', { hook_id: hookId }, token), 403, 3, 'FORBIDDEN');
      expectFailure(
        await call('hooks/create', { url: receiver.route('/r'), events: ['points.accrued'] }, token),
        403,
        3,
        'FORBIDDEN',
      );
    }
    for (const method of ['hooks/deliveries', 'hooks/test', 'hooks/delete']) {
      expectFailure(await call(method, { hook_id: hookId }, other.admin), 404, 4, 'NOT_FOUND');
    }
    expect(await ok('hooks/list', {}, other.admin)).toEqual({ items: [], next_from_id: null, total_count: 0 });
    expect((await deliveries(hookId)).total_count).toBe(0);
    expect((await ok<{ total_count: number }>('hooks/list', {})).total_count).toBe(3);
  });
});

describe('action hooks when the worker is killed in the middle of a delivery', () => {
  let stack: E2eStack;
  let account: TestAccount;
  let programId: number;
  const receiver = new HttpReceiver();
  const NOW = Date.parse('2026-03-15T10:00:00.000Z');

  const setClock = (now: number) =>
    fetch(`${stack.apiUrl}/test/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now: new Date(now).toISOString() }),
    });

  beforeAll(async () => {
    stack = await startE2eStack('hooks-kill', { OUTBOX_POLL_MS: '100', SWEEP_INTERVAL_MS: '500' });
    await receiver.start();
    await setClock(NOW);
    account = await createAccount(stack, 'Kill shop');
    programId = await loyaltySetup(stack, account);
  });

  afterAll(async () => {
    await stack?.stop();
    await receiver.stop();
  });

  it('completes the delivery after a restart and records it delivered exactly once (receivers dedupe by event_id)', async () => {
    const created = expectSuccess(
      await stack.call<Envelope<{ hook_id: number; secret: string }>>(
        'hooks/create',
        { url: receiver.route('/held', (index) => (index === 0 ? 'hold' : 200)), events: ['member.registered'] },
        account.admin,
      ),
    );
    expectSuccess(
      await stack.call<Envelope<unknown>>(
        'loyalty/register_member',
        { loyalty_program_id: programId, matching: 'email', email: 'killed@example.com' },
        account.integration,
      ),
    );
    // The worker sent the event and the receiver holds the request open: kill -9 the worker now.
    await waitFor(() => receiver.at('/held').length === 1);
    expect(await stack.signalWorker('SIGKILL')).toBe('SIGKILL');
    await stack.restartWorker();
    // The killed attempt's lease (30 s of the shared clock) runs out; the sweep puts it back and it is sent again.
    await setClock(NOW + 31_000);
    await waitFor(() => receiver.at('/held').length === 2, 30_000);

    const list = async () =>
      expectSuccess(
        await stack.call<Envelope<{ items: DeliveryView[]; total_count: number }>>(
          'hooks/deliveries',
          { hook_id: created.hook_id },
          account.admin,
        ),
      );
    await waitFor(async () => (await list()).items[0]?.status === 'delivered');
    const listed = await list();
    expect(listed.total_count).toBe(1);
    expect(listed.items.map((item) => [item.event_type, item.status, item.attempts, item.last_response_code])).toEqual([
      ['member.registered', 'delivered', 2, 200],
    ]);
    const [first, second] = receiver.at('/held');
    expect(second.body).toBe(first.body);
    expect(second.headers['x-event-id']).toBe(first.headers['x-event-id']);
    expect(listed.items[0].event_id).toBe(first.headers['x-event-id']);
    expect([signatureValid(created.secret, first), signatureValid(created.secret, second)]).toEqual([true, true]);
  });
});
