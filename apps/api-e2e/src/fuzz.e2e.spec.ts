import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Client } from 'pg';
import { ApiAnswer, E2eStack, startE2eStack } from '@loyalty/testing';
import { callOk, createAccount, createDatabase, TestAccount } from './support/e2e-helpers';

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  oneOf?: Schema[];
  example?: unknown;
};

const openapi: unknown = JSON.parse(readFileSync(join(__dirname, '../../../docs/openapi.json'), 'utf8'));
const SEED = 20261126;
const RANDOM_BODIES_PER_METHOD = 6;
const MUTATIONS_PER_METHOD = 30;
/** Ids that exist nowhere, so no fuzzed request can reach a real program, member or order. */
const MISSING_ID = 987_654_321;
const HOSTILE: unknown[] = [
  null,
  0,
  -1,
  1e308,
  1.005,
  '',
  'x'.repeat(5_000),
  [],
  {},
  true,
  '-5.00',
  '1.005',
  '\u0000',
  "' or 1=1 --",
  '../../etc/passwd',
  [[[[[[[[[[[]]]]]]]]]]],
  { __proto__: { admin: true } },
];
/** What an answer must never show: stack frames, source locations, SQL, driver or ORM errors. */
const INTERNALS =
  /\n\s+at |node_modules|\.[jt]s:\d+|\bstack\b|\bselect\s.+\sfrom\b|\binsert into\b|duplicate key|violates|MikroORM|TypeError|ReferenceError/i;

const schemas = (openapi as unknown as { components: { schemas: Record<string, Schema> } }).components.schemas;
const methods = Object.entries(
  (
    openapi as unknown as {
      paths: Record<string, { post?: { requestBody?: { content?: Record<string, { schema?: Schema }> } } }>;
    }
  ).paths,
)
  .filter(([path, item]) => path.startsWith('/api/v1.1/') && item.post)
  .map(([path, item]) => ({
    method: path.slice('/api/v1.1/'.length),
    schema: item.post?.requestBody?.content?.['application/json']?.schema,
  }));

const resolve = (schema: Schema): Schema =>
  schema.$ref ? resolve(schemas[schema.$ref.split('/').pop() as string]) : schema;

/** A plausible body from the schema's examples, with every id pointing at nothing. */
function sample(schema: Schema | undefined, name = '', depth = 0): unknown {
  if (!schema || depth > 6) return null;
  const resolved = resolve(schema);
  if (/(^|_)id$|_iid$|^db_id$|^loyalty_id$|^from_id$/.test(name) && resolved.type === 'integer') return MISSING_ID;
  if (resolved.example !== undefined) return resolved.example;
  if (resolved.enum) return resolved.enum[0];
  if (resolved.oneOf) return sample(resolved.oneOf[0], name, depth + 1);
  switch (resolved.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(resolved.properties ?? {}).map(([key, value]) => [key, sample(value, key, depth + 1)]),
      );
    case 'array':
      return [sample(resolved.items, name, depth + 1)];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    default:
      return 'x';
  }
}

/** Bodies for one method: the sample with a field removed, replaced by a hostile value, or added; then random JSON. */
function bodiesFor(schema: Schema | undefined, random: fc.Arbitrary<unknown>, seed: number): unknown[] {
  const base = sample(schema) as Record<string, unknown> | null;
  const keys = base && typeof base === 'object' ? Object.keys(base) : [];
  const mutations: unknown[] = [base, [], 'text', 42, null, { ...(base ?? {}), unknown_field: 1 }];
  for (const key of keys) {
    const { [key]: _dropped, ...without } = base as Record<string, unknown>;
    mutations.push(without);
    for (const hostile of HOSTILE) mutations.push({ ...base, [key]: hostile });
  }
  const picked = fc.sample(fc.constantFrom(...mutations), { seed, numRuns: MUTATIONS_PER_METHOD });
  return [...mutations.slice(0, 6), ...picked, ...fc.sample(random, { seed, numRuns: RANDOM_BODIES_PER_METHOD })];
}

/**
 * spec/quality.md §4: thousands of random and mutated bodies to every method of the OpenAPI
 * document — never a 500, always the error envelope without internals, and no change to the
 * ledger (every id in them points at nothing, so no request may move a point).
 */
describe('fuzzed bodies on every method', () => {
  let stack: E2eStack;
  let account: TestAccount;
  let db: Client;

  const ledgerState = async () =>
    (
      await db.query(`select
         (select count(*) from points_transactions) as transactions,
         (select count(*) from points_lots) as lots,
         (select coalesce(sum(remaining), 0) from points_lots) as remaining,
         (select coalesce(sum(active + pending + held - debt), 0) from points_accounts) as balances,
         (select count(*) from members) as members,
         (select count(*) from orders) as orders`)
    ).rows[0];

  beforeAll(async () => {
    stack = await startE2eStack('fuzz', { RATE_LIMIT_PER_MINUTE: '100000000' });
    account = await createAccount(stack, 'Fuzz');
    const dbId = await createDatabase(stack, account.admin, 'Customers');
    const { loyalty_program_id: programId } = await callOk<{ loyalty_program_id: number }>(
      stack,
      'loyalty/programs/create',
      { name: 'Club', external_id: 'club', db_id: dbId, currency: 'RUB', timezone: 'UTC' },
      account.admin,
    );
    await callOk(
      stack,
      'loyalty/points_currencies/create',
      {
        loyalty_program_id: programId,
        name: 'Bonus',
        external_id: 'bonus',
        type: 'standard',
        initial_balance: '100.00',
      },
      account.admin,
    );
    await callOk(
      stack,
      'loyalty/register_member',
      { loyalty_program_id: programId, matching: 'email', email: 'anna@example.com' },
      account.admin,
    );
    db = new Client({ connectionString: stack.database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await stack?.stop();
  });

  it('answers every body without a 500 or internals, and moves no point', async () => {
    const before = await ledgerState();
    const random = fc.jsonValue({ maxDepth: 3 });
    const failures: string[] = [];
    let sent = 0;
    for (const [index, { method, schema }] of methods.entries()) {
      for (const body of bodiesFor(schema, random, SEED + index)) {
        const answer: ApiAnswer<{ error?: unknown }> = await stack.call(method, JSON.stringify(body), account.admin);
        sent += 1;
        const problem =
          answer.status >= 500
            ? `status ${answer.status}`
            : INTERNALS.test(answer.text)
              ? 'internals in the answer'
              : answer.status !== 200 && typeof answer.body?.error !== 'number'
                ? 'no error envelope'
                : null;
        if (problem)
          failures.push(`${method} ${JSON.stringify(body).slice(0, 200)}: ${problem}: ${answer.text.slice(0, 300)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(3_000);
    expect(await ledgerState()).toEqual(before);
  });
});
