import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2eStack, startE2eStack } from '@loyalty/testing';
import { createAccount, createDatabase, Envelope, ImportResult, TestAccount } from './support/e2e-helpers';
import { methodBodies } from './support/method-bodies';
import { ALLOWED } from './support/role-table';

type OpenApi = { paths: Record<string, { post: { parameters?: Array<{ name: string; in: string }> } }> };

/** Every method the OpenAPI document says takes `Idempotency-Key` (the drift test keeps the file equal to what is served). */
const MUTATING = Object.entries(
  (JSON.parse(readFileSync(join(__dirname, '../../../docs/openapi.json'), 'utf8')) as OpenApi).paths,
)
  .filter(([, item]) => item.post.parameters?.some((parameter) => parameter.name === 'Idempotency-Key'))
  .map(([path]) => path.slice('/api/v1.1/'.length))
  .sort();

/**
 * quality.md §2: idempotent replays on every mutating method. Each is called with a valid body and
 * an `Idempotency-Key`, then again with the same key and body: the second answer is the first,
 * byte for byte, marked `Idempotent-Replayed: true`, so the method did not run twice.
 */
describe('Idempotency-Key on every mutating method', () => {
  let stack: E2eStack;
  let account: TestAccount;
  let validBody: (method: string) => Promise<Record<string, unknown>>;

  beforeAll(async () => {
    stack = await startE2eStack('idempotency-sweep');
    account = await createAccount(stack, 'Replays');
    const dbId = await createDatabase(stack, account.admin, 'Customers');
    const imported = await stack.call<Envelope<ImportResult>>(
      'profiles/import',
      { db_id: dbId, matching: 'email', data: [{ email: 'matrix@example.com' }, { email: 'erase-me@example.com' }] },
      account.admin,
    );
    ({ validBody } = methodBodies({ stack, account, dbId, erasableProfileId: imported.body.data.profile_ids[1] }));
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('the document marks the methods that change something, and only those', () => {
    expect(MUTATING.length).toBeGreaterThan(60);
    for (const read of ['loyalty/account/balance', 'scenarios/runs/get', 'promocodes/get', 'tasks/download']) {
      expect(MUTATING).not.toContain(read);
    }
    for (const write of ['loyalty/accrue_points', 'market/orders/preorder_commit', 'scenarios/events/fire']) {
      expect(MUTATING).toContain(write);
    }
  });

  it.each(MUTATING)('%s: the same key and body answer the stored answer', async (method) => {
    const token = ALLOWED[method].includes('admin') ? account.admin : stack.rootKey;
    const body = await validBody(method);
    const headers = { 'Idempotency-Key': `sweep-${method}` };
    const first = await stack.call(method, body, token, headers);
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await stack.call(method, body, token, headers);
    expect({ status: again.status, text: again.text, replayed: again.headers.get('idempotent-replayed') }).toEqual({
      status: 200,
      text: first.text,
      replayed: 'true',
    });
  });
});
