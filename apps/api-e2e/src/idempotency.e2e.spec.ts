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
  TestAccount,
} from './support/e2e-helpers';

const REPLAYED = 'idempotent-replayed';

describe('Idempotency-Key', () => {
  let stack: E2eStack;
  let a: TestAccount;
  let b: TestAccount;

  const withKey = (key: string) => ({ 'idempotency-key': key });

  /** How many of the account's databases bear `name`. */
  async function databasesNamed(token: string, name: string): Promise<number> {
    return (await listDatabases(stack, token)).items.filter((db) => db.name === name).length;
  }

  function expectFirst(answer: ApiAnswer<unknown>): void {
    expect(answer.headers.get(REPLAYED)).toBeNull();
  }

  function expectReplayOf(replay: ApiAnswer<unknown>, first: ApiAnswer<unknown>): void {
    expect(replay.status).toBe(first.status);
    expect(replay.text).toBe(first.text);
    expect(replay.headers.get(REPLAYED)).toBe('true');
  }

  beforeAll(async () => {
    stack = await startE2eStack('idempotency');
    a = await createAccount(stack, 'Account A');
    b = await createAccount(stack, 'Account B');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('a replay answers byte for byte with Idempotent-Replayed: true and creates nothing new', async () => {
    const first = await stack.call<Envelope<{ db_id: number }>>(
      'databases/create',
      { name: 'Replayed' },
      a.admin,
      withKey('create-replayed'),
    );
    const created = expectSuccess(first);
    expect(created.db_id).toBeGreaterThan(0);
    expectFirst(first);

    for (let i = 0; i < 10; i += 1) {
      const replay = await stack.call('databases/create', { name: 'Replayed' }, a.admin, withKey('create-replayed'));
      expectReplayOf(replay, first);
    }
    const listed = await listDatabases(stack, a.read);
    expect(listed.items.filter((db) => db.name === 'Replayed').map((db) => db.db_id)).toEqual([created.db_id]);

    // the same body without the key is a new request: the name (unique in the account) is taken now
    const fresh = await stack.call('databases/create', { name: 'Replayed' }, a.admin);
    expectFailure(fresh, 409, 5, 'CONFLICT');
    expectFirst(fresh);
    expect(await databasesNamed(a.read, 'Replayed')).toBe(1);

    // one audit entry for the keyed creation
    const audit = await stack.call<Envelope<{ items: { entity_id: string; action: string }[] }>>(
      'admin/audit/list',
      { entity_type: 'database', limit: 100 },
      a.admin,
    );
    expect(audit.body.data.items.filter((entry) => entry.entity_id === String(created.db_id))).toHaveLength(1);
  });

  it('the same key with a different body is 422 IDEMPOTENCY_MISMATCH and changes nothing', async () => {
    const first = await stack.call('databases/create', { name: 'Mismatch 1' }, a.admin, withKey('mismatch'));
    expectSuccess(first as ApiAnswer<Envelope<unknown>>);
    const other = await stack.call('databases/create', { name: 'Mismatch 2' }, a.admin, withKey('mismatch'));
    expectFailure(other, 422, 6, 'IDEMPOTENCY_MISMATCH');
    expect(other.headers.get(REPLAYED)).toBeNull();
    // an added field is a different body too
    const extra = await stack.call(
      'databases/create',
      { name: 'Mismatch 1', format: 'json' },
      a.admin,
      withKey('mismatch'),
    );
    expectFailure(extra, 422, 6, 'IDEMPOTENCY_MISMATCH');
    expect(await databasesNamed(a.read, 'Mismatch 1')).toBe(1);
    expect(await databasesNamed(a.read, 'Mismatch 2')).toBe(0);
    // the original body still replays
    expectReplayOf(await stack.call('databases/create', { name: 'Mismatch 1' }, a.admin, withKey('mismatch')), first);
  });

  it('key order, whitespace and the body `token` field do not matter (canonical JSON without token)', async () => {
    const first = await stack.call(
      'databases/create',
      '{"name":"Canonical","format":"json"}',
      a.admin,
      withKey('canonical'),
    );
    expectSuccess(first as ApiAnswer<Envelope<unknown>>);
    expectReplayOf(
      await stack.call(
        'databases/create',
        '{ "format" : "json",\n  "name" : "Canonical" }',
        a.admin,
        withKey('canonical'),
      ),
      first,
    );
    // token in the body (and no header), then another admin token of the same account in the body
    expectReplayOf(
      await stack.call(
        'databases/create',
        { format: 'json', token: a.admin, name: 'Canonical' },
        undefined,
        withKey('canonical'),
      ),
      first,
    );
    const secondAdmin = await stack.call<Envelope<{ token: string }>>(
      'admin/tokens/create',
      { name: 'second admin', role: 'admin' },
      a.admin,
    );
    const other = secondAdmin.body.data.token;
    expectReplayOf(
      await stack.call(
        'databases/create',
        { name: 'Canonical', format: 'json', token: other },
        other,
        withKey('canonical'),
      ),
      first,
    );
    expect(await databasesNamed(a.read, 'Canonical')).toBe(1);
  });

  it('the same key on a different method is independent', async () => {
    const db = await stack.call<Envelope<{ db_id: number }>>(
      'databases/create',
      { name: 'Shared key' },
      a.admin,
      withKey('shared-key'),
    );
    expectSuccess(db);
    const token = await stack.call<Envelope<{ token_id: number; token: string }>>(
      'admin/tokens/create',
      { name: 'Shared key', role: 'read' },
      a.admin,
      withKey('shared-key'),
    );
    expect(expectSuccess(token).token).toMatch(/^lyt_/);
    expectFirst(token);
    const replayToken = await stack.call(
      'admin/tokens/create',
      { name: 'Shared key', role: 'read' },
      a.admin,
      withKey('shared-key'),
    );
    expectReplayOf(replayToken, token);
    const tokens = await stack.call<Envelope<{ items: { name: string }[] }>>(
      'admin/tokens/list',
      { limit: 100 },
      a.admin,
    );
    expect(tokens.body.data.items.filter((item) => item.name === 'Shared key')).toHaveLength(1);
    expect(await databasesNamed(a.read, 'Shared key')).toBe(1);
  });

  it('keys are per account: another account with the same key and body gets its own answer', async () => {
    const fromA = await stack.call<Envelope<{ db_id: number }>>(
      'databases/create',
      { name: 'Per account' },
      a.admin,
      withKey('per-account'),
    );
    const fromB = await stack.call<Envelope<{ db_id: number }>>(
      'databases/create',
      { name: 'Per account' },
      b.admin,
      withKey('per-account'),
    );
    expectFirst(fromB);
    expect(expectSuccess(fromB).db_id).not.toBe(expectSuccess(fromA).db_id);
    expect((await listDatabases(stack, b.read)).items.map((db) => [db.db_id, db.name])).toEqual([
      [fromB.body.data.db_id, 'Per account'],
    ]);
    expect(await databasesNamed(a.read, 'Per account')).toBe(1);
    // B with a different body under A's key is not a mismatch
    const bOther = await stack.call('databases/create', { name: 'Other' }, b.admin, withKey('create-replayed'));
    expectSuccess(bOther as ApiAnswer<Envelope<unknown>>);
    expectFirst(bOther);
  });

  it('32 concurrent requests with one key: identical answers, exactly one database', async () => {
    const answers = await Promise.all(
      Array.from({ length: 32 }, () =>
        stack.call<Envelope<{ db_id: number }>>(
          'databases/create',
          { name: 'Concurrent' },
          a.admin,
          withKey('concurrent'),
        ),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(32).fill(200));
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
    expect(answers.filter((answer) => answer.headers.get(REPLAYED) === 'true')).toHaveLength(31);
    const listed = await listDatabases(stack, a.read);
    expect(listed.items.filter((db) => db.name === 'Concurrent').map((db) => db.db_id)).toEqual([
      answers[0].body.data.db_id,
    ]);
  });

  it('a stored error answer is replayed too, even after the world changed', async () => {
    const dbId = await createDatabase(stack, a.admin, 'Errors');
    const body = { db_id: dbId, matching: 'email', email: 'late@example.com' };
    const first = await stack.call('profiles/delete', body, a.admin, withKey('delete-missing'));
    expectFailure(first, 404, 7, 'PROFILE_NOT_FOUND');
    expectFirst(first);

    const imported = await stack.call<Envelope<ImportResult>>(
      'profiles/import',
      { db_id: dbId, matching: 'email', data: [{ email: 'late@example.com', custom_fields: { tier: 'gold' } }] },
      a.integration,
    );
    expect(expectSuccess(imported).created).toBe(1);

    const replay = await stack.call('profiles/delete', body, a.admin, withKey('delete-missing'));
    expectReplayOf(replay, first);
    const kept = await stack.call<Envelope<ProfileView>>('profiles/get', body, a.read);
    expect(expectSuccess(kept)).toMatchObject({ email: 'late@example.com', custom_fields: { tier: 'gold' } });

    // a new key does the work now
    const erased = await stack.call<Envelope<{ profile_id: string }>>(
      'profiles/delete',
      body,
      a.admin,
      withKey('delete-now'),
    );
    expect(expectSuccess(erased).profile_id).toBe(imported.body.data.profile_ids[0]);
  });

  it('a conflict (409) raised by the database is stored and replayed', async () => {
    await createDatabase(stack, a.admin, 'Taken name');
    const first = await stack.call('databases/create', { name: 'Taken name' }, a.admin, withKey('conflict'));
    expectFailure(first, 409, 5, 'CONFLICT');
    expectFirst(first);
    expectReplayOf(await stack.call('databases/create', { name: 'Taken name' }, a.admin, withKey('conflict')), first);
    expect(await databasesNamed(a.read, 'Taken name')).toBe(1);
  });

  it('admin/accounts/create (the root key) replays too: one account for one key', async () => {
    const body = { name: 'Keyed tenant', timezone: 'Europe/Moscow' };
    const first = await stack.call<Envelope<{ account_id: number; admin_token: string }>>(
      'admin/accounts/create',
      body,
      stack.rootKey,
      withKey('account-key'),
    );
    expectSuccess(first);
    expectFirst(first);
    const replay = await stack.call<Envelope<{ account_id: number; admin_token: string }>>(
      'admin/accounts/create',
      body,
      stack.rootKey,
      withKey('account-key'),
    );
    expect({ account_id: replay.body.data?.account_id, replayed: replay.headers.get(REPLAYED) }).toEqual({
      account_id: first.body.data.account_id,
      replayed: 'true',
    });
    expectReplayOf(replay, first);
  });

  it('a validation failure (400) is stored and replayed', async () => {
    const first = await stack.call('databases/create', { name: '' }, a.admin, withKey('invalid-body'));
    expectFailure(first, 400, 1, 'VALIDATION_FAILED');
    expectFirst(first);
    expectReplayOf(await stack.call('databases/create', { name: '' }, a.admin, withKey('invalid-body')), first);
  });

  it('an import replays its profile ids and creates no more profiles', async () => {
    const dbId = await createDatabase(stack, a.admin, 'Import replay');
    const body = { db_id: dbId, matching: 'email', data: [{ email: 'one@example.com' }, { email: 'two@example.com' }] };
    const first = await stack.call<Envelope<ImportResult>>('profiles/import', body, a.integration, withKey('import'));
    expect(expectSuccess(first)).toMatchObject({ created: 2, updated: 0 });
    const replay = await stack.call<Envelope<ImportResult>>('profiles/import', body, a.integration, withKey('import'));
    expectReplayOf(replay, first);
    // without a key the same import updates the two profiles it created
    const again = await stack.call<Envelope<ImportResult>>('profiles/import', body, a.integration);
    expect(expectSuccess(again)).toEqual({ created: 0, updated: 2, profile_ids: first.body.data.profile_ids });
  });

  it('a stored answer is still replayed 23 h 59 min later (kept for at least 24 h)', async () => {
    const setClock = (now: string | null) =>
      fetch(`${stack.apiUrl}/test/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ now }),
      });
    try {
      expect((await setClock('2031-01-01T00:00:00.000Z')).status).toBe(200);
      const first = await stack.call('databases/create', { name: 'Kept a day' }, a.admin, withKey('kept-a-day'));
      expectSuccess(first as ApiAnswer<Envelope<unknown>>);
      expect((await setClock('2031-01-01T23:59:00.000Z')).status).toBe(200);
      expectReplayOf(
        await stack.call('databases/create', { name: 'Kept a day' }, a.admin, withKey('kept-a-day')),
        first,
      );
      expect(await databasesNamed(a.read, 'Kept a day')).toBe(1);
    } finally {
      await setClock(null);
    }
  });

  it('a key of 255 characters is fine; 256 characters is 400 VALIDATION_FAILED', async () => {
    const ok = await stack.call('databases/create', { name: 'Long key' }, a.admin, withKey('k'.repeat(255)));
    expectSuccess(ok as ApiAnswer<Envelope<unknown>>);
    const tooLong = await stack.call('databases/create', { name: 'Too long key' }, a.admin, withKey('k'.repeat(256)));
    const failure = expectFailure(tooLong, 400, 1, 'VALIDATION_FAILED');
    expect(JSON.stringify(failure.details)).toContain('Idempotency-Key');
    expect(await databasesNamed(a.read, 'Too long key')).toBe(0);
    expect(await databasesNamed(a.read, 'Long key')).toBe(1);
  });
});
