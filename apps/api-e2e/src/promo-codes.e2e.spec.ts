import { E2eStack, startE2eStack } from '@loyalty/testing';
import {
  createAccount,
  createDatabase,
  Envelope,
  expectFailure,
  expectSuccess,
  TestAccount,
} from './support/e2e-helpers';

type Page<T> = { items: T[]; next_from_id: number | null; total_count: number };
type CodeView = Record<string, unknown> & { code: string; is_attached: boolean; is_activated: boolean };

/** promocodes/* over HTTP (spec api.md §8): the wire format, roles aside (role-matrix covers them). */
describe('promo codes', () => {
  let stack: E2eStack;
  let a: TestAccount;
  let b: TestAccount;
  let aDb: number;
  let personal: number;
  let universal: number;
  const anna = { matching: 'email', email: 'anna@example.com' };

  const call = <T>(method: string, body: unknown, token: string, headers?: Record<string, string>) =>
    stack.call<Envelope<T>>(method, body, token, headers);
  const ok = async <T>(method: string, body: unknown, token = a.integration) =>
    expectSuccess(await call<T>(method, body, token));

  beforeAll(async () => {
    stack = await startE2eStack('promo-codes');
    a = await createAccount(stack, 'Codes A');
    b = await createAccount(stack, 'Codes B');
    aDb = await createDatabase(stack, a.admin, 'A customers');
    await ok('profiles/import', {
      db_id: aDb,
      matching: 'email',
      data: [{ email: 'anna@example.com' }, { email: 'boris@example.com' }],
    });
    personal = (
      await ok<{ loyalty_id: number }>(
        'promocodes/programs/create',
        { name: 'Welcome', short_name: 'welcome', kind: 'personal', valid_to: '2030-12-31' },
        a.admin,
      )
    ).loyalty_id;
    universal = (
      await ok<{ loyalty_id: number }>(
        'promocodes/programs/create',
        { name: 'Sale', short_name: 'sale', kind: 'universal', multi_use: true, max_uses_per_code: 2 },
        a.admin,
      )
    ).loyalty_id;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('programs/list answers the programs with their settings', async () => {
    const listed = await ok<Page<Record<string, unknown>>>('promocodes/programs/list', {}, a.read);
    expect(listed.items.map((program) => [program['id'], program['short_name'], program['kind']])).toEqual([
      [personal, 'welcome', 'personal'],
      [universal, 'sale', 'universal'],
    ]);
    expect(listed.items[0]).toMatchObject({ multi_use: false, valid_from: null, max_uses_per_code: null });
    expect(listed.items[1]).toMatchObject({ multi_use: true, max_uses_per_code: 2 });
    expect([listed.next_from_id, listed.total_count]).toEqual([null, 2]);
  });

  it('generate answers {created, task_id}; list pages the codes in the data envelope', async () => {
    expect(await ok('promocodes/generate', { loyalty_id: personal, pattern: 'WEL-###-XX', count: 25 })).toEqual({
      created: 25,
      task_id: null,
    });
    const first = await ok<Page<CodeView & { id: number }>>(
      'promocodes/list',
      { loyalty_id: personal, limit: 20 },
      a.read,
    );
    expect(first.items).toHaveLength(20);
    expect(first.total_count).toBe(25);
    expect(first.items.every((item) => /^WEL-[2-9]{3}-[A-HJKMNP-Z]{2}$/.test(item.code))).toBe(true);
    const rest = await ok<Page<CodeView>>(
      'promocodes/list',
      { loyalty_id: personal, from_id: first.next_from_id, limit: 20 },
      a.read,
    );
    expect([rest.items.length, rest.next_from_id]).toEqual([5, null]);
    const refused = expectFailure(
      await call('promocodes/generate', { loyalty_id: personal, pattern: 'WEL-###', count: 1_000_001 }, a.integration),
      400,
      1,
      'VALIDATION_FAILED',
    );
    expect(refused.details.fields?.map((field) => field.path)).toEqual(['count']);
  });

  it('generate above 10,000 codes answers a task_id; the worker makes them and tasks/get tells the result', async () => {
    const big = (
      await ok<{ loyalty_id: number }>(
        'promocodes/programs/create',
        { name: 'Big', short_name: 'big', kind: 'universal' },
        a.admin,
      )
    ).loyalty_id;
    const started = await ok<{ created: null; task_id: number }>('promocodes/generate', {
      loyalty_id: big,
      pattern: 'BIG-#######',
      count: 10_500,
    });
    expect(started).toEqual({ created: null, task_id: expect.any(Number) });
    let task: Record<string, unknown> = {};
    for (let attempt = 0; attempt < 150 && task['status'] !== 'done' && task['status'] !== 'failed'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      task = await ok('tasks/get', { task_id: started.task_id }, a.read);
    }
    expect(task).toMatchObject({
      kind: 'promocodes.generate',
      status: 'done',
      progress: 100,
      input: { loyalty_id: big, pattern: 'BIG-#######', count: 10_500 },
      result: { created: 10_500 },
      errors: [],
    });
    expect((await ok<Page<CodeView>>('promocodes/list', { loyalty_id: big, limit: 1 }, a.read)).total_count).toBe(
      10_500,
    );
    // another account's token sees no such task
    expectFailure(await call('tasks/get', { task_id: started.task_id }, b.read), 404, 4, 'NOT_FOUND');
  });

  it('import is all or nothing; taken or repeated codes are error 5 naming each', async () => {
    expect(await ok('promocodes/import', { loyalty_id: universal, codes: ['SPRING', 'SUMMER'] })).toEqual({
      created: 2,
    });
    const conflict = expectFailure(
      await call('promocodes/import', { loyalty_id: universal, codes: ['AUTUMN', 'SPRING', 'AUTUMN'] }, a.integration),
      409,
      5,
      'CONFLICT',
    );
    expect(conflict.details).toEqual({
      fields: [
        { path: 'codes[1]', message: 'the program already has "SPRING"' },
        { path: 'codes[2]', message: '"AUTUMN" is sent twice' },
      ],
      duplicates: ['SPRING', 'AUTUMN'],
    });
    const invalid = expectFailure(
      await call('promocodes/import', { loyalty_id: universal, codes: ['WITH SPACE'] }, a.integration),
      400,
      1,
      'VALIDATION_FAILED',
    );
    expect(invalid.details.fields?.[0].path).toMatch(/^codes/);
    expect((await ok<Page<CodeView>>('promocodes/list', { loyalty_id: universal }, a.read)).total_count).toBe(2);
  });

  it('get answers the documented fields; unknown and foreign codes answer the same 404', async () => {
    expect(await ok('promocodes/get', { loyalty_id: universal, code: 'SPRING' }, a.read)).toEqual({
      code: 'SPRING',
      loyalty_id: universal,
      created: expect.stringMatching(/Z$/),
      is_attached: false,
      attached: null,
      is_activated: false,
      activated: null,
      is_expired: false,
      expired: null,
      expire_date: null,
      uses: 0,
    });
    const unknown = await call('promocodes/get', { loyalty_id: universal, code: 'WINTER' }, a.read);
    const foreign = await call('promocodes/get', { loyalty_id: universal, code: 'SPRING' }, b.read);
    expectFailure(unknown, 404, 4, 'NOT_FOUND');
    expectFailure(foreign, 404, 4, 'NOT_FOUND');
    expect(foreign.text).toBe(unknown.text);
  });

  it('attach without a code answers the code it attached (an Idempotency-Key replays it); activate uses it once', async () => {
    const headers = { 'Idempotency-Key': 'attach-anna-1' };
    const first = await call<{ code: string }>(
      'promocodes/attach',
      { loyalty_id: personal, db_id: aDb, ...anna },
      a.integration,
      headers,
    );
    const again = await call<{ code: string }>(
      'promocodes/attach',
      { loyalty_id: personal, db_id: aDb, ...anna },
      a.integration,
      headers,
    );
    const { code } = expectSuccess(first);
    expect(Object.keys(expectSuccess(first))).toEqual(['code']);
    expect([again.text, again.headers.get('idempotent-replayed')]).toEqual([first.text, 'true']);
    expect(await ok<CodeView>('promocodes/get', { loyalty_id: personal, code }, a.read)).toMatchObject({
      is_attached: true,
      is_activated: false,
    });

    // boris may not take it, nor use it
    expectFailure(
      await call(
        'promocodes/attach',
        { loyalty_id: personal, db_id: aDb, code, matching: 'email', email: 'boris@example.com' },
        a.integration,
      ),
      409,
      16,
      'PROMO_CODE_INVALID',
    );
    expectFailure(
      await call(
        'promocodes/activate',
        { loyalty_id: personal, code, db_id: aDb, matching: 'email', email: 'boris@example.com' },
        a.integration,
      ),
      409,
      16,
      'PROMO_CODE_INVALID',
    );
    const activated = await ok<CodeView>('promocodes/activate', { loyalty_id: personal, code, db_id: aDb, ...anna });
    expect(activated).toMatchObject({ code, is_activated: true, uses: 1 });
    expectFailure(
      await call('promocodes/activate', { loyalty_id: personal, code }, a.integration),
      409,
      16,
      'PROMO_CODE_INVALID',
    );
    expectFailure(
      await call('promocodes/detach', { loyalty_id: personal, db_id: aDb, code, ...anna }, a.integration),
      409,
      16,
      'PROMO_CODE_INVALID',
    );
    // nobody by that email: 7; another account's database: 404
    expectFailure(
      await call(
        'promocodes/attach',
        { loyalty_id: personal, db_id: aDb, matching: 'email', email: 'nobody@example.com' },
        a.integration,
      ),
      404,
      7,
      'PROFILE_NOT_FOUND',
    );
    expectFailure(
      await call('promocodes/attach', { loyalty_id: personal, db_id: aDb, ...anna }, b.integration),
      404,
      4,
      'NOT_FOUND',
    );
  });

  it('a multi-use code is used up to its maximum, then error 11; update resets it and sets an expire date', async () => {
    for (let use = 1; use <= 2; use += 1) {
      expect(await ok<CodeView>('promocodes/activate', { loyalty_id: universal, code: 'SUMMER' })).toMatchObject({
        uses: use,
      });
    }
    expectFailure(
      await call('promocodes/activate', { loyalty_id: universal, code: 'SUMMER' }, a.integration),
      409,
      11,
      'LIMIT_REACHED',
    );
    expect(
      await ok<CodeView>('promocodes/update', {
        loyalty_id: universal,
        code: 'SUMMER',
        activated: false,
        expire_date: '2030-06-30T23:59:59.999Z',
      }),
    ).toMatchObject({ is_activated: false, uses: 0, expire_date: '2030-06-30T23:59:59.999Z' });
    expectFailure(
      await call('promocodes/update', { loyalty_id: universal, code: 'SUMMER' }, a.integration),
      400,
      1,
      'VALIDATION_FAILED',
    );
    const unknownField = expectFailure(
      await call(
        'promocodes/update',
        { loyalty_id: universal, code: 'SUMMER', activated: true, colour: 'red' },
        a.integration,
      ),
      400,
      1,
      'VALIDATION_FAILED',
    );
    expect(unknownField.details.fields?.map((field) => field.path)).toEqual(['colour']);
  });
});
