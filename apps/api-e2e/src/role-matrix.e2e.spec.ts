import { E2eStack, startE2eStack } from '@loyalty/testing';
import { methodBodies } from './support/method-bodies';
import { ALLOWED, Caller } from './support/role-table';
import {
  createAccount,
  createDatabase,
  Envelope,
  expectFailure,
  ImportResult,
  rawPost,
  TestAccount,
} from './support/e2e-helpers';

const CALLERS: Caller[] = ['root', 'admin', 'integration', 'read'];

const CASES = Object.entries(ALLOWED).flatMap(([method, allowed]) =>
  CALLERS.map((caller) => ({ method, caller, allowed: allowed.includes(caller) })),
);

describe('role matrix', () => {
  let stack: E2eStack;
  let account: TestAccount;
  let dbId: number;
  let erasableProfileId: string;

  let validBody: (method: string) => Promise<Record<string, unknown>>;

  const tokenOf = (caller: Caller): string => (caller === 'root' ? stack.rootKey : account[caller]);

  beforeAll(async () => {
    stack = await startE2eStack('role-matrix');
    account = await createAccount(stack, 'Matrix');
    dbId = await createDatabase(stack, account.admin, 'Customers');
    const imported = await stack.call<Envelope<ImportResult>>(
      'profiles/import',
      {
        db_id: dbId,
        matching: 'email',
        data: [{ email: 'matrix@example.com' }, { email: 'erase-me@example.com' }],
      },
      account.admin,
    );
    expect(imported.body.data).toMatchObject({ created: 2, updated: 0 });
    erasableProfileId = imported.body.data.profile_ids[1];
    ({ validBody } = methodBodies({ stack, account, dbId, erasableProfileId }));
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('covers every method the API serves', async () => {
    const openapi = (await (await fetch(`${stack.apiUrl}/docs/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    const served = Object.keys(openapi.paths)
      .filter((path) => path.startsWith('/api/v1.1/'))
      .map((path) => path.slice('/api/v1.1/'.length))
      .sort();
    expect(served).toEqual(Object.keys(ALLOWED).sort());
  });

  it.each(CASES)('$method as $caller: allowed=$allowed', async ({ method, caller, allowed }) => {
    const answer = await stack.call<Envelope<unknown>>(method, await validBody(method), tokenOf(caller));
    if (allowed && method === 'tasks/download') {
      // the file itself, not the envelope
      expect({ status: answer.status, type: answer.headers.get('content-type') }).toEqual({
        status: 200,
        type: 'text/csv; charset=utf-8',
      });
    } else if (allowed) {
      expect({ status: answer.status, error: answer.body.error }).toEqual({ status: 200, error: 0 });
      expect(answer.body.error_text).toBe('Successful operation');
    } else {
      const failure = expectFailure(answer, 403, 3, 'FORBIDDEN');
      expect(failure.details).toEqual({});
    }
  });

  it('denied calls changed nothing: only the allowed calls left their traces', async () => {
    const databases = await stack.call<Envelope<{ items: { name: string }[]; total_count: number }>>(
      'databases/list',
      {},
      account.read,
    );
    // the fixture's database and the one the admin created in the matrix
    expect(databases.body.data.items.map((db) => db.name)).toEqual(['Customers', 'matrix db']);
    expect(databases.body.data.total_count).toBe(2);

    const tokens = await stack.call<Envelope<{ items: { name: string; role: string; revoked_at: string | null }[] }>>(
      'admin/tokens/list',
      { limit: 100 },
      account.admin,
    );
    // 3 of the fixture, 1 created by the admin in the matrix, 4 made to be revoked (one per caller)
    expect(tokens.body.data.items.map((token) => [token.name, token.role, token.revoked_at !== null])).toEqual([
      ['Initial admin token', 'admin', false],
      ['integration token', 'integration', false],
      ['read token', 'read', false],
      ['matrix token', 'read', false],
      ['to revoke', 'read', false],
      ['to revoke', 'read', true],
      ['to revoke', 'read', false],
      ['to revoke', 'read', false],
    ]);

    // the profile erased by the admin is erased; the one that only integration/admin imported is intact
    const kept = await stack.call<Envelope<{ email: string; custom_fields: Record<string, unknown> }>>(
      'profiles/get',
      { db_id: dbId, matching: 'email', email: 'matrix@example.com' },
      account.read,
    );
    expect(kept.body.data).toMatchObject({ email: 'matrix@example.com', custom_fields: { n: 1 } });
    const erased = await stack.call<Envelope<{ email: string | null; custom_fields: Record<string, unknown> }>>(
      'profiles/get',
      { db_id: dbId, matching: 'profile_id', profile_id: erasableProfileId },
      account.read,
    );
    expect(erased.body.data).toMatchObject({ email: null, phone: null, custom_fields: {} });

    // the fixture's scenario, the one the admin created in the matrix, and the one whose run is read
    const scenarios = await stack.call<Envelope<{ total_count: number }>>('scenarios/list', {}, account.read);
    expect(scenarios.body.data.total_count).toBe(3);
  });

  it('a token sent as the body field `token` has the same role as in the header', async () => {
    const listed = await stack.call<Envelope<unknown>>('databases/list', { token: account.read });
    expect(listed.status).toBe(200);
    expectFailure(await stack.call('databases/create', { name: 'x', token: account.read }), 403, 3, 'FORBIDDEN');
    expectFailure(await stack.call('admin/accounts/create', { name: 'x', token: account.admin }), 403, 3, 'FORBIDDEN');
    expectFailure(await stack.call('databases/list', { token: account.admin }, account.read), 401, 2, 'UNAUTHORIZED');
  });

  describe('check order (spec/api.md §1: 413, 401, 429, 403, 400, 404)', () => {
    const twoMegabytes = () => JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });

    it('body size (413) comes before authentication (401) and role (403)', async () => {
      expectFailure(await rawPost(stack, 'databases/create', twoMegabytes()), 413, 21, 'PAYLOAD_TOO_LARGE');
      expectFailure(
        await rawPost(stack, 'databases/create', twoMegabytes(), 'lyt_not-a-real-token'),
        413,
        21,
        'PAYLOAD_TOO_LARGE',
      );
      expectFailure(
        await rawPost(stack, 'databases/create', twoMegabytes(), account.read),
        413,
        21,
        'PAYLOAD_TOO_LARGE',
      );
      expectFailure(
        await rawPost(stack, 'databases/list', twoMegabytes(), stack.rootKey),
        413,
        21,
        'PAYLOAD_TOO_LARGE',
      );
      // an import may be 20 MB: 2 MB passes the size check and meets authentication
      expectFailure(await rawPost(stack, 'profiles/import', twoMegabytes()), 401, 2, 'UNAUTHORIZED');
      const huge = JSON.stringify({
        db_id: dbId,
        matching: 'email',
        data: [{ profile_id: 'x'.repeat(21 * 1024 * 1024) }],
      });
      expectFailure(await rawPost(stack, 'profiles/import', huge), 413, 21, 'PAYLOAD_TOO_LARGE');
    });

    it('authentication (401) comes before role (403) and schema (400)', async () => {
      expectFailure(await stack.call('databases/create', { name: 'x' }), 401, 2, 'UNAUTHORIZED');
      expectFailure(
        await stack.call('databases/create', { name: 'x' }, 'lyt_not-a-real-token'),
        401,
        2,
        'UNAUTHORIZED',
      );
      // invalid bodies without a valid token: 401, not 400
      expectFailure(await stack.call('databases/create', { colour: 'red' }), 401, 2, 'UNAUTHORIZED');
      expectFailure(await stack.call('databases/create', '{"name": '), 401, 2, 'UNAUTHORIZED');
      expectFailure(
        await stack.call('profiles/get', { db_id: 'one', limit: 1.005 }, 'lyt_not-a-real-token'),
        401,
        2,
        'UNAUTHORIZED',
      );
    });

    it('role (403) comes before schema (400)', async () => {
      expectFailure(await stack.call('databases/create', { colour: 'red' }, account.read), 403, 3, 'FORBIDDEN');
      expectFailure(await stack.call('databases/create', '{"name": ', account.read), 403, 3, 'FORBIDDEN');
      expectFailure(
        await stack.call('profiles/delete', { db_id: -1, matching: 'nobody', extra: true }, account.integration),
        403,
        3,
        'FORBIDDEN',
      );
      expectFailure(await stack.call('databases/list', { limit: 1.005 }, stack.rootKey), 403, 3, 'FORBIDDEN');
      expectFailure(await stack.call('admin/accounts/create', { colour: 'red' }, account.admin), 403, 3, 'FORBIDDEN');
      // with the right role the same bodies are schema errors
      expectFailure(
        await stack.call('databases/create', { colour: 'red' }, account.admin),
        400,
        1,
        'VALIDATION_FAILED',
      );
      expectFailure(await stack.call('databases/create', '{"name": ', account.admin), 400, 1, 'VALIDATION_FAILED');
      expectFailure(
        await stack.call('admin/accounts/create', { colour: 'red' }, stack.rootKey),
        400,
        1,
        'VALIDATION_FAILED',
      );
    });

    it('role (403) comes before existence (404), and schema (400) before existence', async () => {
      const missing = { db_id: 999_999_999, matching: 'email', email: 'nobody@example.com' };
      expectFailure(await stack.call('profiles/delete', missing, account.read), 403, 3, 'FORBIDDEN');
      expectFailure(await stack.call('profiles/delete', missing, account.integration), 403, 3, 'FORBIDDEN');
      expectFailure(await stack.call('profiles/delete', missing, account.admin), 404, 4, 'NOT_FOUND');
      expectFailure(
        await stack.call('admin/tokens/revoke', { token_id: 999_999_999 }, account.read),
        403,
        3,
        'FORBIDDEN',
      );
      expectFailure(
        await stack.call('admin/tokens/revoke', { token_id: 999_999_999 }, account.admin),
        404,
        4,
        'NOT_FOUND',
      );
      const invalid = await stack.call('profiles/get', { ...missing, colour: 'red' }, account.read);
      expectFailure(invalid, 400, 1, 'VALIDATION_FAILED');
    });
  });
});
