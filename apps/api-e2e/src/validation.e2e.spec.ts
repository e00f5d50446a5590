import { ApiAnswer, E2eStack, startE2eStack } from '@loyalty/testing';
import {
  createAccount,
  createDatabase,
  Envelope,
  expectFailure,
  expectSuccess,
  ImportResult,
  listDatabases,
  ProfileView,
  rawPost,
  TestAccount,
} from './support/e2e-helpers';

const MB = 1024 * 1024;

describe('validation and the wire format', () => {
  let stack: E2eStack;
  let account: TestAccount;
  let dbId: number;

  /** The distinct paths that `details.fields` names, after asserting a 400 VALIDATION_FAILED. */
  function invalidPaths(answer: ApiAnswer<unknown>): string[] {
    const failure = expectFailure(answer, 400, 1, 'VALIDATION_FAILED');
    expect(Array.isArray(failure.details.fields)).toBe(true);
    for (const field of failure.details.fields ?? []) {
      expect(Object.keys(field).sort()).toEqual(['message', 'path']);
      expect(field.message.length).toBeGreaterThan(0);
    }
    // one path may carry several messages (e.g. "must be a string" and "length 1..255")
    return [...new Set((failure.details.fields ?? []).map((field) => field.path))];
  }

  beforeAll(async () => {
    stack = await startE2eStack('validation');
    account = await createAccount(stack, 'Validation');
    dbId = await createDatabase(stack, account.admin, 'Customers');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  describe('unknown and ignored fields', () => {
    it('an unknown top-level field is 400 VALIDATION_FAILED naming its path, and nothing is created', async () => {
      const answer = await stack.call('databases/create', { name: 'x', colour: 'red' }, account.admin);
      expect(invalidPaths(answer)).toEqual(['colour']);
      expect((await listDatabases(stack, account.read)).items.map((db) => db.name)).toEqual(['Customers']);
    });

    it('an unknown field inside an import item names data[i].field', async () => {
      const first = await stack.call(
        'profiles/import',
        { db_id: dbId, matching: 'email', data: [{ email: 'nick@example.com', nickname: 'Nick' }] },
        account.integration,
      );
      expect(invalidPaths(first)).toEqual(['data[0].nickname']);
      const third = await stack.call(
        'profiles/import',
        {
          db_id: dbId,
          matching: 'email',
          data: [{ email: 'one@example.com' }, { email: 'two@example.com' }, { email: 'three@example.com', age: 3 }],
        },
        account.integration,
      );
      expect(invalidPaths(third)).toEqual(['data[2].age']);
      // all or nothing: not even the valid items were imported
      const get = await stack.call(
        'profiles/get',
        { db_id: dbId, matching: 'email', email: 'one@example.com' },
        account.read,
      );
      expectFailure(get, 404, 7, 'PROFILE_NOT_FOUND');
    });

    it('`token` and `format` are accepted at the top level of every method', async () => {
      const created = await stack.call<Envelope<{ db_id: number }>>('databases/create', {
        name: 'With token and format',
        token: account.admin,
        format: 'json',
      });
      expect(expectSuccess(created).db_id).toBeGreaterThan(dbId);
      expectSuccess(await stack.call<Envelope<unknown>>('databases/list', { format: 'json', limit: 5 }, account.read));
      expectSuccess(
        await stack.call<Envelope<unknown>>(
          'profiles/import',
          {
            db_id: dbId,
            matching: 'email',
            data: [{ email: 'format@example.com' }],
            format: 'json',
            token: account.integration,
          },
          account.integration,
        ),
      );
      expectSuccess(
        await stack.call<Envelope<unknown>>(
          'profiles/get',
          { db_id: dbId, matching: 'email', email: 'format@example.com', format: 'xml' },
          account.read,
        ),
      );
    });

    it('missing, mistyped and out-of-range fields name their paths', async () => {
      expect(invalidPaths(await stack.call('databases/create', {}, account.admin))).toEqual(['name']);
      expect(invalidPaths(await stack.call('databases/create', { name: 42 }, account.admin))).toEqual(['name']);
      expect(invalidPaths(await stack.call('databases/create', { name: '' }, account.admin))).toEqual(['name']);
      expect(invalidPaths(await stack.call('databases/list', { limit: 0 }, account.read))).toEqual(['limit']);
      expect(invalidPaths(await stack.call('databases/list', { limit: 101 }, account.read))).toEqual(['limit']);
      expect(invalidPaths(await stack.call('databases/list', { limit: 1.5 }, account.read))).toEqual(['limit']);
      expect(invalidPaths(await stack.call('databases/list', { limit: '10' }, account.read))).toEqual(['limit']);
      expect(
        invalidPaths(
          await stack.call('profiles/get', { db_id: String(dbId), matching: 'email', email: 'a@b.co' }, account.read),
        ),
      ).toEqual(['db_id']);
      expect(
        invalidPaths(await stack.call('profiles/get', { db_id: dbId, matching: 'nickname' }, account.read)),
      ).toEqual(['matching']);
      expect(
        invalidPaths(await stack.call('profiles/import', { db_id: dbId, matching: 'email', data: [] }, account.admin)),
      ).toEqual(['data']);
      const tooMany = Array.from({ length: 1001 }, (_, i) => ({ email: `many${i}@example.com` }));
      expect(
        invalidPaths(
          await stack.call('profiles/import', { db_id: dbId, matching: 'email', data: tooMany }, account.admin),
        ),
      ).toEqual(['data']);
      expect(
        invalidPaths(
          await stack.call(
            'profiles/import',
            { db_id: dbId, matching: 'email', data: [{ email: 'fine@example.com' }, { email: 'not an email' }] },
            account.admin,
          ),
        ),
      ).toEqual(['data[1].email']);
      expect(
        invalidPaths(
          await stack.call('profiles/get', { db_id: dbId, matching: 'phone', phone: 'call me' }, account.read),
        ),
      ).toEqual(['phone']);
      expect(invalidPaths(await stack.call('profiles/get', { db_id: dbId, matching: 'email' }, account.read))).toEqual([
        'email',
      ]);
    });

    it('a body that is not a JSON object is 400', async () => {
      expectFailure(await stack.call('databases/create', '[{"name":"x"}]', account.admin), 400, 1, 'VALIDATION_FAILED');
      expectFailure(await stack.call('databases/create', '"x"', account.admin), 400, 1, 'VALIDATION_FAILED');
      expectFailure(await stack.call('databases/create', 'null', account.admin), 400, 1, 'VALIDATION_FAILED');
    });

    it.each(['__proto__', 'constructor'])('a %s key is an unknown field like any other', async (key) => {
      const name = `Proto ${key}`;
      const top = await stack.call('databases/create', `{"name":"${name}","${key}":{"isAdmin":true}}`, account.admin);
      const nested = await stack.call(
        'profiles/import',
        `{"db_id":${dbId},"matching":"email","data":[{"email":"proto-${key}@example.com","${key}":{"x":1}}]}`,
        account.integration,
      );
      expect({ top: top.status, nested: nested.status }).toEqual({ top: 400, nested: 400 });
      expect(invalidPaths(top)).toEqual([key]);
      expect(invalidPaths(nested)).toEqual([`data[0].${key}`]);
      expect((await listDatabases(stack, account.read)).items.map((db) => db.name)).not.toContain(name);
    });
  });

  describe('body size', () => {
    it('a 2 MB body is 413 PAYLOAD_TOO_LARGE on an ordinary method', async () => {
      const answer = await rawPost(
        stack,
        'databases/create',
        JSON.stringify({ name: 'x'.repeat(2 * MB) }),
        account.admin,
      );
      const failure = expectFailure(answer, 413, 21, 'PAYLOAD_TOO_LARGE');
      expect(failure.error_text).toContain('1 MB');
    });

    it('a body a little over 1 MB is 413, and one just under is a schema question', async () => {
      const over = JSON.stringify({ name: 'x'.repeat(MB) });
      expect(Buffer.byteLength(over)).toBeGreaterThan(MB);
      expectFailure(await rawPost(stack, 'databases/create', over, account.admin), 413, 21, 'PAYLOAD_TOO_LARGE');
      const under = JSON.stringify({ name: 'x'.repeat(MB - 100) });
      expect(Buffer.byteLength(under)).toBeLessThan(MB);
      expect(invalidPaths(await stack.call('databases/create', under, account.admin))).toEqual(['name']);
    });

    it('a 2 MB body sent chunked (no Content-Length) is 413 too', async () => {
      const chunk = Buffer.from('x'.repeat(64 * 1024));
      const chunks = [Buffer.from('{"name":"'), ...Array.from({ length: 32 }, () => chunk), Buffer.from('"}')];
      const answer = await rawPost(stack, 'databases/create', chunks, account.admin);
      expectFailure(answer, 413, 21, 'PAYLOAD_TOO_LARGE');
    });

    it('profiles/import accepts a valid body above 1 MB (1,000 items)', async () => {
      const importDb = await createDatabase(stack, account.admin, 'Big import');
      const bio = 'b'.repeat(1100);
      const data = Array.from({ length: 1000 }, (_, i) => ({
        email: `user${i}@example.com`,
        custom_fields: { bio, n: i },
      }));
      const body = JSON.stringify({ db_id: importDb, matching: 'email', data });
      expect(Buffer.byteLength(body)).toBeGreaterThan(MB);
      expect(Buffer.byteLength(body)).toBeLessThan(2 * MB);
      const answer = await stack.call<Envelope<ImportResult>>('profiles/import', body, account.integration);
      const result = expectSuccess(answer);
      expect({ created: result.created, updated: result.updated }).toEqual({ created: 1000, updated: 0 });
      expect(new Set(result.profile_ids).size).toBe(1000);
      const last = await stack.call<Envelope<ProfileView>>(
        'profiles/get',
        { db_id: importDb, matching: 'email', email: 'user999@example.com' },
        account.read,
      );
      expect(expectSuccess(last)).toMatchObject({
        profile_id: result.profile_ids[999],
        email: 'user999@example.com',
        custom_fields: { bio, n: 999 },
      });
    }, 60_000);

    it('a 21 MB import body is 413', async () => {
      const body = JSON.stringify({
        db_id: dbId,
        matching: 'email',
        data: [{ email: 'huge@example.com', custom_fields: { blob: 'z'.repeat(21 * MB) } }],
      });
      const failure = expectFailure(
        await rawPost(stack, 'profiles/import', body, account.integration),
        413,
        21,
        'PAYLOAD_TOO_LARGE',
      );
      expect(failure.error_text).toContain('20 MB');
    });
  });

  describe('JSON and content type', () => {
    it('a body that is not JSON is 415 UNSUPPORTED_MEDIA_TYPE', async () => {
      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
        const answer = await stack.call('databases/create', '{"name":"Plain"}', account.admin, {
          'content-type': contentType,
        });
        expectFailure(answer, 415, 23, 'UNSUPPORTED_MEDIA_TYPE');
      }
      expect((await listDatabases(stack, account.read)).items.map((db) => db.name)).not.toContain('Plain');
    });

    it('application/json with a charset is JSON', async () => {
      const answer = await stack.call<Envelope<{ db_id: number }>>(
        'databases/create',
        '{"name":"Charset"}',
        account.admin,
        {
          'content-type': 'application/json; charset=utf-8',
        },
      );
      expectSuccess(answer);
    });

    it('malformed JSON is 400 VALIDATION_FAILED', async () => {
      for (const text of ['{"name": ', '{name: "x"}', "{'name':'x'}", '{"name":"x",}', '{"name":"x"} trailing']) {
        const answer = await stack.call('databases/create', text, account.admin);
        expectFailure(answer, 400, 1, 'VALIDATION_FAILED');
      }
    });

    it('an empty JSON body means {}', async () => {
      const answer = await stack.call<Envelope<{ total_count: number }>>('databases/list', '', account.read);
      expect(expectSuccess(answer).total_count).toBeGreaterThanOrEqual(1);
    });
  });

  describe('numbers', () => {
    it('a number with 3 fraction digits is 400 naming its path, wherever it is', async () => {
      expect(invalidPaths(await stack.call('databases/list', '{"limit":1.005}', account.read))).toEqual(['limit']);
      expect(invalidPaths(await stack.call('databases/list', '{"limit":5e-3}', account.read))).toEqual(['limit']);
      expect(invalidPaths(await stack.call('databases/create', '{"name":"x","from_id":1.005}', account.admin))).toEqual(
        ['from_id'],
      );
      expect(
        invalidPaths(
          await stack.call(
            'profiles/import',
            `{"db_id":${dbId},"matching":"email","data":[{"email":"n@example.com"},{"email":"m@example.com","custom_fields":{"score":2.125}}]}`,
            account.integration,
          ),
        ),
      ).toEqual(['data[1].custom_fields.score']);
      expect(
        invalidPaths(
          await stack.call(
            'profiles/get',
            `{"db_id":${dbId},"matching":"custom","field_name":"score","field_value":0.001}`,
            account.read,
          ),
        ),
      ).toEqual(['field_value']);
    });

    it('more than 15 significant digits is 400; 2 fraction digits and exponents within bounds are fine', async () => {
      expect(invalidPaths(await stack.call('databases/list', '{"limit":1234567890123456}', account.read))).toEqual([
        'limit',
      ]);
      expect(invalidPaths(await stack.call('databases/list', '{"limit":10,"from_id":1e16}', account.read))).toEqual([
        'from_id',
      ]);
      expectSuccess(await stack.call<Envelope<unknown>>('databases/list', '{"limit":10.00}', account.read));
      expectSuccess(await stack.call<Envelope<unknown>>('databases/list', '{"limit":1e1}', account.read));
      const imported = await stack.call<Envelope<ImportResult>>(
        'profiles/import',
        `{"db_id":${dbId},"matching":"email","data":[{"email":"score@example.com","custom_fields":{"score":12.5,"big":123456789012345}}]}`,
        account.integration,
      );
      expectSuccess(imported);
      const got = await stack.call<Envelope<ProfileView>>(
        'profiles/get',
        { db_id: dbId, matching: 'email', email: 'score@example.com' },
        account.read,
      );
      expect(expectSuccess(got).custom_fields).toEqual({ score: 12.5, big: 123456789012345 });
    });
  });

  describe('routes', () => {
    it('GET on a method is 404 METHOD_NOT_FOUND', async () => {
      for (const method of ['GET', 'PUT', 'DELETE']) {
        const response = await fetch(`${stack.apiUrl}/api/v1.1/databases/list`, {
          method,
          headers: { authorization: `Bearer ${account.read}` },
        });
        const text = await response.text();
        const answer: ApiAnswer<unknown> = {
          status: response.status,
          headers: response.headers,
          text,
          body: JSON.parse(text),
        };
        expectFailure(answer, 404, 22, 'METHOD_NOT_FOUND');
      }
    });

    it('an unknown method is 404 METHOD_NOT_FOUND, with or without a token', async () => {
      expectFailure(await stack.call('databases/drop', { db_id: dbId }, account.admin), 404, 22, 'METHOD_NOT_FOUND');
      expectFailure(await stack.call('no/such/method', {}), 404, 22, 'METHOD_NOT_FOUND');
      expectFailure(await stack.call('', {}, account.admin), 404, 22, 'METHOD_NOT_FOUND');
      const outside = await fetch(`${stack.apiUrl}/api/v1.0/databases/list`, {
        method: 'POST',
        headers: { authorization: `Bearer ${account.read}`, 'content-type': 'application/json' },
        body: '{}',
      });
      const text = await outside.text();
      expectFailure(
        { status: outside.status, headers: outside.headers, text, body: JSON.parse(text) },
        404,
        22,
        'METHOD_NOT_FOUND',
      );
    });
  });

  describe('envelopes', () => {
    it('every failure has exactly error, error_text, error_code and details, and no stack trace', async () => {
      const failures: ApiAnswer<unknown>[] = [
        await stack.call('databases/list', {}),
        await stack.call('databases/create', { name: 'x' }, account.read),
        await stack.call('databases/create', { name: 'x', colour: 1 }, account.admin),
        await stack.call('databases/create', '{', account.admin),
        await stack.call('databases/create', 'x', account.admin, { 'content-type': 'text/plain' }),
        await stack.call('profiles/get', { db_id: 999_999_999, matching: 'email', email: 'a@b.co' }, account.read),
        await stack.call('profiles/get', { db_id: dbId, matching: 'email', email: 'nobody@example.com' }, account.read),
        await stack.call('databases/create', { name: 'Customers' }, account.admin),
        await stack.call('nope', {}, account.admin),
      ];
      expect(failures.map((answer) => answer.status)).toEqual([401, 403, 400, 400, 415, 404, 404, 409, 404]);
      for (const answer of failures) {
        expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
        const body = answer.body as Record<string, unknown>;
        expect(Object.keys(body).sort()).toEqual(['details', 'error', 'error_code', 'error_text']);
        expect(body['error']).toEqual(expect.any(Number));
        expect(body['error']).not.toBe(0);
        expect(answer.text).not.toMatch(/\n\s+at |node_modules|\.[jt]s:\d+|stack/i);
      }
    });

    it('every success is HTTP 200 (never 201) with {error: 0, error_text, data}', async () => {
      const token = await stack.call<Envelope<{ token_id: number }>>(
        'admin/tokens/create',
        { name: 't', role: 'read' },
        account.admin,
      );
      const successes: ApiAnswer<Envelope<unknown>>[] = [
        await stack.call('admin/accounts/create', { name: 'Another' }, stack.rootKey),
        token,
        await stack.call('admin/tokens/list', {}, account.admin),
        await stack.call('admin/tokens/revoke', { token_id: token.body.data.token_id }, account.admin),
        await stack.call('admin/audit/list', {}, account.admin),
        await stack.call('databases/create', { name: 'Two hundred' }, account.admin),
        await stack.call('databases/list', {}, account.read),
        await stack.call(
          'profiles/import',
          { db_id: dbId, matching: 'email', data: [{ email: 'ok@example.com' }] },
          account.admin,
        ),
        await stack.call('profiles/get', { db_id: dbId, matching: 'email', email: 'ok@example.com' }, account.read),
        await stack.call('profiles/delete', { db_id: dbId, matching: 'email', email: 'ok@example.com' }, account.admin),
      ];
      for (const answer of successes) {
        expectSuccess(answer);
        expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      }
    });
  });

  describe('normalisation of emails and phones', () => {
    let normDb: number;

    beforeAll(async () => {
      normDb = await createDatabase(stack, account.admin, 'Normalisation');
    });

    it('an email is trimmed and lower-cased on import and on lookup', async () => {
      const imported = await stack.call<Envelope<ImportResult>>(
        'profiles/import',
        { db_id: normDb, matching: 'email', data: [{ email: '  Anna@Example.COM ' }] },
        account.integration,
      );
      const [annaId] = expectSuccess(imported).profile_ids;
      expect(imported.body.data.created).toBe(1);
      for (const email of ['anna@example.com', 'ANNA@EXAMPLE.COM', ' Anna@example.com ']) {
        const got = await stack.call<Envelope<ProfileView>>(
          'profiles/get',
          { db_id: normDb, matching: 'email', email },
          account.read,
        );
        expect(expectSuccess(got)).toMatchObject({ profile_id: annaId, email: 'anna@example.com' });
      }
      const again = await stack.call<Envelope<ImportResult>>(
        'profiles/import',
        { db_id: normDb, matching: 'email', data: [{ email: 'anna@example.com', custom_fields: { city: 'Kazan' } }] },
        account.integration,
      );
      expect(expectSuccess(again)).toEqual({ created: 0, updated: 1, profile_ids: [annaId] });
    });

    it('one person written two ways in one import is one profile', async () => {
      const imported = await stack.call<Envelope<ImportResult>>(
        'profiles/import',
        {
          db_id: normDb,
          matching: 'email',
          data: [
            { email: 'Twice@Example.com', custom_fields: { first: true } },
            { email: ' twice@example.COM', custom_fields: { second: true } },
          ],
        },
        account.integration,
      );
      const result = expectSuccess(imported);
      expect({ created: result.created, updated: result.updated }).toEqual({ created: 1, updated: 1 });
      expect(result.profile_ids[1]).toBe(result.profile_ids[0]);
      const got = await stack.call<Envelope<ProfileView>>(
        'profiles/get',
        { db_id: normDb, matching: 'email', email: 'twice@example.com' },
        account.read,
      );
      expect(expectSuccess(got)).toMatchObject({
        profile_id: result.profile_ids[0],
        email: 'twice@example.com',
        custom_fields: { first: true, second: true },
      });
    });

    it('a phone is stored in E.164 and found however it is written', async () => {
      const imported = await stack.call<Envelope<ImportResult>>(
        'profiles/import',
        { db_id: normDb, matching: 'phone', data: [{ phone: '+7 (900) 123-45-67' }] },
        account.integration,
      );
      const [ivanId] = expectSuccess(imported).profile_ids;
      expect(imported.body.data.created).toBe(1);
      for (const phone of ['79001234567', '+79001234567', '+7 900 123 45 67', '007-900-123-45-67']) {
        const got = await stack.call<Envelope<ProfileView>>(
          'profiles/get',
          { db_id: normDb, matching: 'phone', phone },
          account.read,
        );
        expect(expectSuccess(got)).toMatchObject({ profile_id: ivanId, phone: '+79001234567', email: null });
      }
      const again = await stack.call<Envelope<ImportResult>>(
        'profiles/import',
        { db_id: normDb, matching: 'phone', data: [{ phone: '79001234567', email: ' Ivan@Example.com' }] },
        account.integration,
      );
      expect(expectSuccess(again)).toEqual({ created: 0, updated: 1, profile_ids: [ivanId] });
      const byEmail = await stack.call<Envelope<ProfileView>>(
        'profiles/get',
        { db_id: normDb, matching: 'email', email: 'ivan@example.com' },
        account.read,
      );
      expect(expectSuccess(byEmail)).toMatchObject({
        profile_id: ivanId,
        phone: '+79001234567',
        email: 'ivan@example.com',
      });
    });
  });
});
