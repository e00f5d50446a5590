import { E2eStack, startE2eStack } from '@loyalty/testing';
import { createAccount, createDatabase, Envelope, ImportResult, TestAccount } from './support/e2e-helpers';
import { methodBodies } from './support/method-bodies';
import { ALLOWED } from './support/role-table';

/** Every method but `admin/accounts/create` (the root key's, which belongs to no account). */
const METHODS = Object.keys(ALLOWED)
  .filter((method) => method !== 'admin/accounts/create')
  .sort();

/**
 * Methods whose valid body names nothing of account A (names, new external ids, paging, a feed's
 * content, a static segment's product ids, a scenario of a flow.wait): called with B's token they
 * act on B's own data, which is right. Every other method names one of A's things and must answer
 * as if it did not exist.
 */
const NAMES_NOTHING_OF_A = [
  'admin/audit/list',
  'admin/tokens/create',
  'admin/tokens/list',
  'databases/create',
  'databases/list',
  'hooks/create',
  'hooks/list',
  'loyalty/programs/list',
  'market/channels/list',
  'market/currencies/create',
  'market/currencies/list',
  'market/custom_fields/create',
  'market/custom_fields/list',
  'market/endpoints/list',
  'market/orders/list',
  'market/product_segments/create',
  'market/product_segments/list',
  'market/products/feed_import',
  'market/products/list',
  'market/regions/create',
  'market/regions/list',
  'market/sku/list',
  'promocodes/programs/create',
  'promocodes/programs/list',
  'scenarios/create',
  'scenarios/events/fire',
  'scenarios/list',
  'scenarios/nodes/catalogue',
];

/** How a method names a thing another account has: as missing (spec/api.md §1 "References"). */
const AS_MISSING = /^(404 (NOT_FOUND|PROFILE_NOT_FOUND|NOT_A_MEMBER)|400 UNKNOWN_REFERENCE)$/;

/**
 * quality.md §5, issue 8: every method, called with account B's admin token and a body naming
 * account A's things (its database, profiles, programs, promotions, orders, codes, hooks,
 * scenarios, tasks, tokens), answers 404 (or 400 UNKNOWN_REFERENCE for a reference inside the
 * body) and never any of A's data.
 */
describe("tenancy sweep: every method with another account's token and this account's ids", () => {
  let stack: E2eStack;
  let a: TestAccount;
  let b: TestAccount;
  let profileIds: string[];
  let validBody: (method: string) => Promise<Record<string, unknown>>;
  const outcomes = new Map<string, string>();

  beforeAll(async () => {
    stack = await startE2eStack('tenancy-sweep');
    a = await createAccount(stack, 'Account A');
    const dbId = await createDatabase(stack, a.admin, 'A customers');
    const imported = await stack.call<Envelope<ImportResult>>(
      'profiles/import',
      { db_id: dbId, matching: 'email', data: [{ email: 'matrix@example.com' }, { email: 'erase-me@example.com' }] },
      a.admin,
    );
    profileIds = imported.body.data.profile_ids;
    ({ validBody } = methodBodies({ stack, account: a, dbId, erasableProfileId: profileIds[1] }));
    b = await createAccount(stack, 'Account B');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it.each(METHODS)("%s with B's token and A's ids", async (method) => {
    const answer = await stack.call<{ error_code?: string }>(method, await validBody(method), b.admin);
    expect(answer.status).toBeLessThan(500);
    for (const profileId of profileIds) expect(answer.text).not.toContain(profileId);
    outcomes.set(method, answer.status === 200 ? 'ok' : `${answer.status} ${answer.body?.error_code}`);
  });

  it("only methods that name nothing of A succeed; every other answers as if A's thing did not exist", () => {
    const succeeded = [...outcomes].filter(([, outcome]) => outcome === 'ok').map(([method]) => method);
    expect(succeeded).toEqual(NAMES_NOTHING_OF_A);
    const refused = [...outcomes].filter(([, outcome]) => outcome !== 'ok');
    expect(refused.filter(([, outcome]) => !AS_MISSING.test(outcome))).toEqual([]);
    expect(outcomes.size).toBe(METHODS.length);
  });
});
