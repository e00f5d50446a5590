import { ApiAnswer, E2eStack, readAnswer, startE2eStack } from '@loyalty/testing';
import { ALLOWED } from './support/role-table';
import {
  createAccount,
  createDatabase,
  createTokenWithId,
  Envelope,
  expectFailure,
  expectSuccess,
  rawPost,
  sleep,
  TestAccount,
} from './support/e2e-helpers';

/** Every method the API serves today (spec/api.md §2–§3). */
/** Every API method, read from the role matrix of spec/api.md §1 kept in role-matrix.e2e.spec.ts. */
const API_METHODS = Object.keys(ALLOWED);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function get(url: string, headers: Record<string, string> = {}): Promise<ApiAnswer<unknown>> {
  return readAnswer(await fetch(url, { headers }));
}

async function post(url: string, body: unknown): Promise<ApiAnswer<unknown>> {
  return readAnswer(
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  );
}

/** The value of the `http_request_duration_seconds_count` series for one method and status (0 when absent). */
function durationCount(metrics: string, method: string, status: string): number {
  const line = metrics
    .split('\n')
    .find(
      (row) =>
        row.startsWith('http_request_duration_seconds_count{') &&
        row.includes(`method="${method}"`) &&
        row.includes(`status="${status}"`),
    );
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('operational endpoints', () => {
  let stack: E2eStack;
  let account: TestAccount;

  beforeAll(async () => {
    stack = await startE2eStack('operations');
    account = await createAccount(stack, 'Operations');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  describe.each([
    ['api', () => stack.apiUrl],
    ['worker', () => stack.workerUrl],
  ])('%s health', (_name, url) => {
    it('GET /health/live is 200', async () => {
      const live = await get(`${url()}/health/live`);
      expect(live.status).toBe(200);
      expect(live.body).toEqual({ status: 'ok' });
    });

    it('GET /health/ready is 200 with every check true', async () => {
      const ready = await get(`${url()}/health/ready`);
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ok', checks: { database: true, redis: true, migrations: true } });
    });

    it('GET /metrics is Prometheus text', async () => {
      const metrics = await get(`${url()}/metrics`);
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(metrics.text).toMatch(/^# HELP process_cpu_user_seconds_total /m);
      expect(metrics.text).toMatch(/^# TYPE process_cpu_user_seconds_total counter$/m);
      expect(metrics.text).toMatch(/^# TYPE http_request_duration_seconds histogram$/m);
      // every sample line is `name{labels} value`
      const samples = metrics.text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
      expect(samples.length).toBeGreaterThan(10);
      for (const line of samples)
        expect(line).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? (-?[0-9.e+-]+|NaN|[+-]Inf)( -?\d+)?$/);
    });
  });

  it('the API\'s /metrics counts each call under method="databases/list"', async () => {
    const before = durationCount((await get(`${stack.apiUrl}/metrics`)).text, 'databases/list', '200');
    for (let i = 0; i < 3; i += 1) expect((await stack.call('databases/list', {}, account.read)).status).toBe(200);
    expect((await stack.call('databases/list', {}, stack.rootKey)).status).toBe(403);
    const metrics = (await get(`${stack.apiUrl}/metrics`)).text;
    expect(metrics).toMatch(/^http_request_duration_seconds_bucket\{[^}]*method="databases\/list"[^}]*\} \d+$/m);
    expect(durationCount(metrics, 'databases/list', '200')).toBe(before + 3);
    expect(durationCount(metrics, 'databases/list', '403')).toBeGreaterThanOrEqual(1);
    expect(metrics).toContain('service="api"');
    expect((await get(`${stack.workerUrl}/metrics`)).text).toContain('service="worker"');
  });

  it('GET /docs is the Swagger UI', async () => {
    const docs = await get(`${stack.apiUrl}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toMatch(/^text\/html/);
    expect(docs.text).toMatch(/swagger-ui/i);
  });

  it('GET /docs/openapi.json lists every method as a POST with a request and a 200 response schema', async () => {
    const answer = await get(`${stack.apiUrl}/docs/openapi.json`);
    expect(answer.status).toBe(200);
    const document = answer.body as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content: Record<string, { schema?: unknown }> };
            responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
          }
        >
      >;
    };
    expect(document.openapi).toMatch(/^3\./);
    const methodPaths = Object.keys(document.paths).filter((path) => path.startsWith('/api/v1.1/'));
    expect(methodPaths.sort()).toEqual(API_METHODS.map((method) => `/api/v1.1/${method}`).sort());
    for (const method of API_METHODS) {
      const operations = document.paths[`/api/v1.1/${method}`];
      expect({ method, verbs: Object.keys(operations) }).toEqual({ method, verbs: ['post'] });
      const ok = operations['post'].responses['200'];
      expect({ method, schema: Boolean(ok?.content?.['application/json']?.schema) }).toEqual({ method, schema: true });
      const request = operations['post'].requestBody?.content?.['application/json']?.schema;
      expect({ method, request: Boolean(request) }).toEqual({ method, request: true });
    }
    // operational and test-only routes are not API methods
    expect(Object.keys(document.paths)).not.toContain('/test/clock');
  });

  describe('X-Request-Id', () => {
    it('is echoed when sent, on success and on failure', async () => {
      const ok = await stack.call('databases/list', {}, account.read, { 'x-request-id': 'e2e-req-42' });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-request-id')).toBe('e2e-req-42');
      const denied = await stack.call('databases/list', {}, undefined, { 'x-request-id': 'e2e:req.43' });
      expect(denied.status).toBe(401);
      expect(denied.headers.get('x-request-id')).toBe('e2e:req.43');
      const health = await get(`${stack.workerUrl}/health/live`, { 'x-request-id': 'worker-44' });
      expect(health.headers.get('x-request-id')).toBe('worker-44');
    });

    it('is generated when not sent, a new one each time', async () => {
      const first = await stack.call('databases/list', {}, account.read);
      const second = await stack.call('databases/list', {}, account.read);
      expect(first.headers.get('x-request-id')).toMatch(UUID);
      expect(second.headers.get('x-request-id')).toMatch(UUID);
      expect(first.headers.get('x-request-id')).not.toBe(second.headers.get('x-request-id'));
    });
  });

  describe('POST /test/clock', () => {
    afterAll(async () => {
      await post(`${stack.apiUrl}/test/clock`, { now: null });
    });

    it('fixes the instant the API sees, then returns to real time', async () => {
      const set = await post(`${stack.apiUrl}/test/clock`, { now: '2030-01-01T00:00:00.000Z' });
      expect(set.status).toBe(200);
      expect(set.body).toEqual({ now: '2030-01-01T00:00:00.000Z' });

      const dbId = await createDatabase(stack, account.admin, 'In 2030');
      const token = await createTokenWithId(stack, account.admin, 'read', 'Made in 2030');
      const audit = await stack.call<
        Envelope<{ items: { entity_type: string; entity_id: string; action: string; created_at: string }[] }>
      >('admin/audit/list', { limit: 100 }, account.admin);
      const entries = expectSuccess(audit).items;
      expect(
        entries.find((entry) => entry.entity_type === 'database' && entry.entity_id === String(dbId)),
      ).toMatchObject({
        action: 'create',
        created_at: '2030-01-01T00:00:00.000Z',
      });
      expect(
        entries.find((entry) => entry.entity_type === 'api_token' && entry.entity_id === String(token.token_id)),
      ).toMatchObject({ action: 'create', created_at: '2030-01-01T00:00:00.000Z' });
      const databases = await stack.call<Envelope<{ items: { db_id: number; created_at: string }[] }>>(
        'databases/list',
        {},
        account.read,
      );
      expect(databases.body.data.items.find((db) => db.db_id === dbId)?.created_at).toBe('2030-01-01T00:00:00.000Z');

      // an offset is honoured and answered in UTC
      const offset = await post(`${stack.apiUrl}/test/clock`, { now: '2030-06-01T03:00:00.000+03:00' });
      expect(offset.body).toEqual({ now: '2030-06-01T00:00:00.000Z' });

      const reset = await post(`${stack.apiUrl}/test/clock`, { now: null });
      expect(reset.status).toBe(200);
      const now = Date.parse((reset.body as { now: string }).now);
      expect(Math.abs(now - Date.now())).toBeLessThan(5_000);
      const laterDb = await createDatabase(stack, account.admin, 'Back to now');
      const after = await stack.call<Envelope<{ items: { db_id: number; created_at: string }[] }>>(
        'databases/list',
        { limit: 100 },
        account.read,
      );
      const createdAt = Date.parse(after.body.data.items.find((db) => db.db_id === laterDb)?.created_at ?? '');
      expect(Math.abs(createdAt - Date.now())).toBeLessThan(5_000);
    });

    it('refuses an instant without an offset or that is not a date-time (400 VALIDATION_FAILED)', async () => {
      for (const now of ['2030-01-01T00:00:00', 'tomorrow', 42]) {
        const answer = await post(`${stack.apiUrl}/test/clock`, { now });
        expectFailure(answer, 400, 1, 'VALIDATION_FAILED');
      }
      const still = await post(`${stack.apiUrl}/test/clock`, { now: null });
      expect(Math.abs(Date.parse((still.body as { now: string }).now) - Date.now())).toBeLessThan(5_000);
    });
  });

  describe('rate limiting (RATE_LIMIT_PER_MINUTE=5)', () => {
    let limited: E2eStack;
    let admin: string;
    let first: { token_id: number; token: string };
    let second: { token_id: number; token: string };
    let keyed: { token_id: number; token: string };

    beforeAll(async () => {
      limited = await startE2eStack('operations-rate', { RATE_LIMIT_PER_MINUTE: '5' });
      const created = await limited.call<Envelope<{ admin_token: string }>>(
        'admin/accounts/create',
        { name: 'Limited' },
        limited.rootKey,
      );
      admin = created.body.data.admin_token;
      // three calls of the admin token's five
      first = await createTokenWithId(limited, admin, 'read', 'first');
      second = await createTokenWithId(limited, admin, 'read', 'second');
      keyed = await createTokenWithId(limited, admin, 'admin', 'keyed');
    });

    afterAll(async () => {
      await limited?.stop();
    });

    it('the 6th call in a minute with one token is 429 RATE_LIMITED with Retry-After; other tokens are unaffected', async () => {
      // windows are whole wall-clock minutes: keep the six calls inside one
      if (Date.now() % 60_000 > 52_000) await sleep(60_000 - (Date.now() % 60_000) + 200);
      for (let i = 0; i < 5; i += 1) {
        const answer = await limited.call<Envelope<unknown>>('databases/list', {}, first.token);
        expect({ call: i + 1, status: answer.status }).toEqual({ call: i + 1, status: 200 });
      }
      const sixth = await limited.call('databases/list', {}, first.token);
      const secondsLeft = Math.ceil((60_000 - (Date.now() % 60_000)) / 1000);
      const failure = expectFailure(sixth, 429, 19, 'RATE_LIMITED');
      expect(failure.details).toEqual({});
      const retryAfter = sixth.headers.get('retry-after');
      expect(retryAfter).toMatch(/^\d+$/);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(retryAfter)).toBeLessThanOrEqual(60);
      expect(Math.abs(Number(retryAfter) - secondsLeft)).toBeLessThanOrEqual(2);

      // another token of the same account has its own budget
      const other = await limited.call<Envelope<{ total_count: number }>>('databases/list', {}, second.token);
      expect(expectSuccess(other).total_count).toBe(0);
      expectFailure(await limited.call('databases/list', {}, first.token), 429, 19, 'RATE_LIMITED');
    });

    it('rate limit (429) comes after size (413) and authentication (401) but before role (403) and schema (400)', async () => {
      // the read token `first` spends its budget (already spent by the test above, unless run alone)
      if (Date.now() % 60_000 > 55_000) await sleep(60_000 - (Date.now() % 60_000) + 200);
      for (let i = 0; i < 6; i += 1) {
        if ((await limited.call('databases/list', {}, first.token)).status === 429) break;
      }
      expectFailure(
        await rawPost(limited, 'databases/list', JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }), first.token),
        413,
        21,
        'PAYLOAD_TOO_LARGE',
      );
      expectFailure(await limited.call('databases/list', {}, 'lyt_not-a-real-token'), 401, 2, 'UNAUTHORIZED');
      // a read token over its budget, on an admin method, with an invalid body
      expectFailure(await limited.call('databases/create', { colour: 'red' }, first.token), 429, 19, 'RATE_LIMITED');
    });

    it('a 429 is not stored as the idempotent answer, and the budget returns after Retry-After', async () => {
      if (Date.now() % 60_000 > 55_000) await sleep(60_000 - (Date.now() % 60_000) + 200);
      for (let i = 0; i < 5; i += 1) expect((await limited.call('databases/list', {}, keyed.token)).status).toBe(200);
      const limitedAnswer = await limited.call('databases/create', { name: 'After the wait' }, keyed.token, {
        'idempotency-key': 'rate-limited-once',
      });
      expectFailure(limitedAnswer, 429, 19, 'RATE_LIMITED');
      await sleep(Number(limitedAnswer.headers.get('retry-after')) * 1000 + 300);

      const retried = await limited.call<Envelope<{ db_id: number }>>(
        'databases/create',
        { name: 'After the wait' },
        keyed.token,
        { 'idempotency-key': 'rate-limited-once' },
      );
      expect(expectSuccess(retried).db_id).toBeGreaterThan(0);
      expect(retried.headers.get('idempotent-replayed')).toBeNull();
      const listed = await limited.call<Envelope<{ items: { name: string }[] }>>('databases/list', {}, first.token);
      expect(expectSuccess(listed).items.map((db) => db.name)).toEqual(['After the wait']);
    }, 90_000);
  });
});
