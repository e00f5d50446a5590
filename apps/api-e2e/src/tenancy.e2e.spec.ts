import { E2eStack, startE2eStack } from '@loyalty/testing';
import {
  createAccount,
  createDatabase,
  createTokenWithId,
  Envelope,
  expectFailure,
  expectSuccess,
  ImportResult,
  listDatabases,
  ProfileView,
  TestAccount,
} from './support/e2e-helpers';

describe('tenancy: one account never sees nor changes another', () => {
  let stack: E2eStack;
  let a: TestAccount;
  let b: TestAccount;
  let aDb: number;
  let bDb: number;
  let anna: ProfileView;
  let boris: ProfileView;

  const getAs = (token: string, body: Record<string, unknown>) =>
    stack.call<Envelope<ProfileView>>('profiles/get', body, token);

  beforeAll(async () => {
    stack = await startE2eStack('tenancy');
    a = await createAccount(stack, 'Account A');
    b = await createAccount(stack, 'Account B');
    aDb = await createDatabase(stack, a.admin, 'A customers');
    bDb = await createDatabase(stack, b.admin, 'B customers');
    const imported = expectSuccess(
      await stack.call<Envelope<ImportResult>>(
        'profiles/import',
        {
          db_id: aDb,
          matching: 'email',
          data: [
            {
              email: 'anna@example.com',
              phone: '+79001234567',
              custom_fields: { card_number: 'C-1001', city: 'Kazan' },
            },
            { email: 'boris@example.com', custom_fields: { card_number: 'C-1002' } },
          ],
        },
        a.integration,
      ),
    );
    expect(imported).toMatchObject({ created: 2, updated: 0 });
    expect(imported.profile_ids).toHaveLength(2);
    anna = expectSuccess(await getAs(a.read, { db_id: aDb, matching: 'email', email: 'anna@example.com' }));
    boris = expectSuccess(await getAs(a.read, { db_id: aDb, matching: 'email', email: 'boris@example.com' }));
    expect(anna.profile_id).toBe(imported.profile_ids[0]);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("B's databases/list holds only B's database", async () => {
    const listed = await listDatabases(stack, b.admin);
    expect(listed.items.map((db) => [db.db_id, db.name])).toEqual([[bDb, 'B customers']]);
    expect(listed.total_count).toBe(1);
    expect(listed.next_from_id).toBeNull();
    // a keyset page that starts before A's id does not reach it either
    const fromZero = await stack.call<Envelope<{ items: { db_id: number }[] }>>(
      'databases/list',
      { from_id: 1, limit: 100 },
      b.read,
    );
    expect(fromZero.body.data.items.map((db) => db.db_id)).not.toContain(aDb);
    expect((await listDatabases(stack, a.read)).items.map((db) => db.db_id)).toEqual([aDb]);
  });

  it.each(['admin', 'integration', 'read'] as const)(
    "B's %s token gets 404 NOT_FOUND from profiles/get with A's db_id, by every matching",
    async (role) => {
      for (const body of [
        { db_id: aDb, matching: 'email', email: 'anna@example.com' },
        { db_id: aDb, matching: 'phone', phone: '+79001234567' },
        { db_id: aDb, matching: 'profile_id', profile_id: anna.profile_id },
        { db_id: aDb, matching: 'custom', field_name: 'card_number', field_value: 'C-1001' },
      ]) {
        const answer = await getAs(b[role], body);
        expectFailure(answer, 404, 4, 'NOT_FOUND');
        expect(answer.text).not.toContain('anna');
        expect(answer.text).not.toContain(anna.profile_id);
      }
    },
  );

  it("A's database answers exactly like a database that does not exist", async () => {
    const foreign = await getAs(b.admin, { db_id: aDb, matching: 'email', email: 'anna@example.com' });
    const missing = await getAs(b.admin, { db_id: 999_999_999, matching: 'email', email: 'anna@example.com' });
    expect(foreign.status).toBe(missing.status);
    expect((foreign.body as unknown as { error_code: string }).error_code).toBe(
      (missing.body as unknown as { error_code: string }).error_code,
    );
  });

  it("A's profile_id used in B's own database is not found there (error 7)", async () => {
    const answer = await getAs(b.admin, { db_id: bDb, matching: 'profile_id', profile_id: anna.profile_id });
    expectFailure(answer, 404, 7, 'PROFILE_NOT_FOUND');
    const byEmail = await getAs(b.read, { db_id: bDb, matching: 'email', email: 'anna@example.com' });
    expectFailure(byEmail, 404, 7, 'PROFILE_NOT_FOUND');
  });

  it("B cannot import into A's database (404), with either matching and either role", async () => {
    for (const token of [b.admin, b.integration]) {
      const byEmail = await stack.call(
        'profiles/import',
        {
          db_id: aDb,
          matching: 'email',
          data: [{ email: 'anna@example.com', phone: '+79990000000', custom_fields: { city: 'Hijacked' } }],
        },
        token,
      );
      expectFailure(byEmail, 404, 4, 'NOT_FOUND');
      const byId = await stack.call(
        'profiles/import',
        {
          db_id: aDb,
          matching: 'profile_id',
          data: [{ profile_id: anna.profile_id, email: 'evil@example.com', custom_fields: { city: 'Hijacked' } }],
        },
        token,
      );
      expectFailure(byId, 404, 4, 'NOT_FOUND');
      const fresh = await stack.call(
        'profiles/import',
        { db_id: aDb, matching: 'email', data: [{ email: 'intruder@example.com' }] },
        token,
      );
      expectFailure(fresh, 404, 4, 'NOT_FOUND');
    }
  });

  it("B cannot delete A's profile (404), by any matching", async () => {
    for (const body of [
      { db_id: aDb, matching: 'email', email: 'anna@example.com' },
      { db_id: aDb, matching: 'profile_id', profile_id: anna.profile_id },
      { db_id: aDb, matching: 'custom', field_name: 'card_number', field_value: 'C-1001' },
    ]) {
      expectFailure(await stack.call('profiles/delete', body, b.admin), 404, 4, 'NOT_FOUND');
    }
    // and with its own database but A's profile id: no such profile there
    expectFailure(
      await stack.call(
        'profiles/delete',
        { db_id: bDb, matching: 'profile_id', profile_id: boris.profile_id },
        b.admin,
      ),
      404,
      7,
      'PROFILE_NOT_FOUND',
    );
  });

  it("B cannot revoke A's tokens (404), and A's token keeps working", async () => {
    const aToken = await createTokenWithId(stack, a.admin, 'read', 'A reporting');
    expectFailure(await stack.call('admin/tokens/revoke', { token_id: aToken.token_id }, b.admin), 404, 4, 'NOT_FOUND');
    expect((await stack.call('databases/list', {}, aToken.token)).status).toBe(200);
    const bTokens = await stack.call<Envelope<{ items: { token_id: number; name: string }[] }>>(
      'admin/tokens/list',
      { limit: 100 },
      b.admin,
    );
    expect(bTokens.body.data.items.map((token) => token.name)).toEqual([
      'Initial admin token',
      'integration token',
      'read token',
    ]);
    expect(bTokens.body.data.items.map((token) => token.token_id)).not.toContain(aToken.token_id);
  });

  it("B's audit log holds only B's changes", async () => {
    const audit = await stack.call<Envelope<{ items: { entity_type: string; entity_id: string; action: string }[] }>>(
      'admin/audit/list',
      { limit: 100 },
      b.admin,
    );
    const entries = audit.body.data.items.map((entry) => [entry.entity_type, entry.action, entry.entity_id]);
    expect(entries).toContainEqual(['database', 'create', String(bDb)]);
    expect(entries).not.toContainEqual(['database', 'create', String(aDb)]);
    expect(audit.text).not.toContain('A reporting');
    expect(audit.text).not.toContain('anna@example.com');
  });

  it('nothing of A changed: its profiles are intact, byte for byte, and no profile was added', async () => {
    const annaAfter = await getAs(a.read, { db_id: aDb, matching: 'profile_id', profile_id: anna.profile_id });
    expect(expectSuccess(annaAfter)).toEqual(anna);
    expect(anna).toMatchObject({
      db_id: aDb,
      email: 'anna@example.com',
      phone: '+79001234567',
      custom_fields: { card_number: 'C-1001', city: 'Kazan' },
    });
    const borisAfter = await getAs(a.admin, { db_id: aDb, matching: 'email', email: 'boris@example.com' });
    expect(expectSuccess(borisAfter)).toEqual(boris);
    expectFailure(
      await getAs(a.admin, { db_id: aDb, matching: 'email', email: 'intruder@example.com' }),
      404,
      7,
      'PROFILE_NOT_FOUND',
    );
    expectFailure(
      await getAs(a.admin, { db_id: aDb, matching: 'email', email: 'evil@example.com' }),
      404,
      7,
      'PROFILE_NOT_FOUND',
    );
    // a re-import by A of both profiles only updates: A's database still holds exactly these two
    const again = await stack.call<Envelope<ImportResult>>(
      'profiles/import',
      { db_id: aDb, matching: 'email', data: [{ email: 'anna@example.com' }, { email: 'boris@example.com' }] },
      a.admin,
    );
    expect(expectSuccess(again)).toEqual({
      created: 0,
      updated: 2,
      profile_ids: [anna.profile_id, boris.profile_id],
    });
    const audit = await stack.call<Envelope<{ items: { entity_type: string; action: string }[] }>>(
      'admin/audit/list',
      { entity_type: 'profile' },
      a.admin,
    );
    expect(audit.body.data.items).toEqual([]);
  });
});
