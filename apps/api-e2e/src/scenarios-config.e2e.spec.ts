import { E2eStack, startE2eStack } from '@loyalty/testing';
import { callOk, createAccount, createDatabase, Envelope, expectFailure, TestAccount } from './support/e2e-helpers';

type GraphNode = { id: string; code: string; args: Record<string, unknown> };
type GraphEdge = { from: string; output: string; to: string };
type ScenarioView = {
  id: number;
  name: string;
  trigger: { event_name: string };
  nodes: GraphNode[];
  edges: GraphEdge[];
  version: number;
  is_active: boolean;
  created_at: string;
  updated_at: string;
};
type ScenarioList = { items: ScenarioView[]; next_from_id: number | null; total_count: number };
type CatalogueEntry = { code: string; description: string; args_schema: Record<string, unknown>; outputs: string[] };

/** The graph names loyalty program 1, the first program of the test's database (made in beforeAll). */
const PROGRAM_ID = 1;

/** A valid graph: join, then pay; without enough points, wait an hour and try again (a cycle through a wait). */
const NODES: GraphNode[] = [
  { id: 'join', code: 'loyalty.participation', args: { loyalty_program_id: PROGRAM_ID } },
  {
    id: 'give',
    code: 'loyalty.points_management',
    args: { loyalty_program_id: PROGRAM_ID, promotion_id: 'welcome', operation: 'accrue' },
  },
  { id: 'pause', code: 'flow.wait', args: { seconds: 3600 } },
];
const EDGES: GraphEdge[] = [
  { from: 'join', output: 'joined', to: 'give' },
  { from: 'give', output: 'insufficient_points', to: 'pause' },
  { from: 'pause', output: 'done', to: 'give' },
];
const SCENARIO = { name: 'Welcome', trigger: { event_name: 'signed_up' }, nodes: NODES, edges: EDGES };

const withNode = (node: GraphNode, ...edges: GraphEdge[]) => ({ nodes: [...NODES, node], edges: [...EDGES, ...edges] });
const withEdge = (edge: GraphEdge) => ({ nodes: NODES, edges: [...EDGES, edge] });
const withArgs = (at: number, args: Record<string, unknown>) => ({
  nodes: NODES.map((node, index) => (index === at ? { ...node, args } : node)),
  edges: EDGES,
});

/** One malformed graph per rule of the graph validation: the field it is reported at, and what its message names. */
const MALFORMED: { kind: string; graph: { nodes: GraphNode[]; edges: GraphEdge[] }; path: RegExp; names: string }[] = [
  { kind: 'no nodes', graph: { nodes: [], edges: [] }, path: /^nodes$/, names: 'at least one node' },
  {
    kind: 'a duplicate node id',
    graph: withNode({ id: 'give', code: 'flow.wait', args: { seconds: 60 } }),
    path: /^nodes\[3\]\.id$/,
    names: 'node "give" (nodes[3])',
  },
  {
    kind: 'a malformed node id',
    graph: withNode(
      { id: 'give points', code: 'flow.wait', args: { seconds: 60 } },
      { from: 'join', output: 'already_member', to: 'give points' },
    ),
    path: /^nodes\[3\]\.id$/,
    names: 'node "give points" (nodes[3])',
  },
  {
    kind: 'an unknown node code',
    graph: withNode({ id: 'odd', code: 'loyalty.teleport', args: {} }, { from: 'join', output: 'error', to: 'odd' }),
    path: /^nodes\[3\]\.code$/,
    names: 'node "odd" (nodes[3])',
  },
  {
    kind: "args that break the node's schema",
    graph: withArgs(1, { promotion_id: 'welcome', operation: 'accrue' }),
    path: /^nodes\[1\]\.args\.loyalty_program_id$/,
    names: 'node "give" (nodes[1])',
  },
  {
    kind: 'args the node refuses beyond its schema (a wait with neither seconds nor until)',
    graph: withArgs(2, {}),
    path: /^nodes\[2\]\.args/,
    names: 'node "pause" (nodes[2])',
  },
  {
    kind: 'an edge from an unknown node',
    graph: withEdge({ from: 'ghost', output: 'done', to: 'give' }),
    path: /^edges\[3\]\.from$/,
    names: '"ghost"',
  },
  {
    kind: 'an edge to an unknown node',
    graph: withEdge({ from: 'join', output: 'already_member', to: 'nowhere' }),
    path: /^edges\[3\]\.to$/,
    names: '"nowhere"',
  },
  {
    kind: 'an edge from an output the node does not declare',
    graph: withEdge({ from: 'join', output: 'maybe', to: 'pause' }),
    path: /^edges\[3\]\.output$/,
    names: 'node "join" (nodes[0])',
  },
  {
    kind: 'two edges for one output',
    graph: withEdge({ from: 'join', output: 'joined', to: 'pause' }),
    path: /^edges\[3\]\.output$/,
    names: 'node "join" (nodes[0])',
  },
  {
    kind: 'an unreachable node',
    graph: withNode({ id: 'island', code: 'flow.wait', args: { seconds: 60 } }),
    path: /^nodes\[3\]$/,
    names: 'node "island" (nodes[3])',
  },
  {
    kind: 'a cycle through no wait',
    graph: withEdge({ from: 'give', output: 'error', to: 'join' }),
    path: /^nodes\[0\]$/,
    names: '"join" → "give" → "join"',
  },
];

describe('scenarios configuration (HTTP)', () => {
  let stack: E2eStack;
  let account: TestAccount;
  let other: TestAccount;

  const call = <T>(method: string, body: unknown, token = account.admin) => callOk<T>(stack, method, body, token);
  const totalCount = async (token = account.read) =>
    (await call<ScenarioList>('scenarios/list', { limit: 100 }, token)).total_count;

  beforeAll(async () => {
    stack = await startE2eStack('scenarios-config');
    account = await createAccount(stack, 'Scenarios');
    other = await createAccount(stack, 'Other');
    const db_id = await createDatabase(stack, account.admin, 'Customers');
    const program = await call<{ loyalty_program_id: number }>('loyalty/programs/create', {
      name: 'Club',
      external_id: 'club',
      db_id,
      currency: 'RUB',
      timezone: 'UTC',
    });
    expect(program.loyalty_program_id).toBe(PROGRAM_ID);
    await call('loyalty/points_currencies/create', {
      loyalty_program_id: PROGRAM_ID,
      name: 'Bonus',
      external_id: 'bonus',
      type: 'standard',
    });
    await call('loyalty/promotions/create', {
      loyalty_program_id: PROGRAM_ID,
      type: 'trigger',
      name: 'Welcome',
      external_id: 'welcome',
      is_active: true,
      accrual_rules: [{ points_currency_eid: 'bonus', static_amount: '100.00' }],
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('create → get → list → update (version 2) → activate → deactivate', async () => {
    const created = await call<{ scenario_id: number; webhook_secret: string }>('scenarios/create', SCENARIO);
    expect(created.webhook_secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const id = created.scenario_id;

    const got = await stack.call<Envelope<ScenarioView>>('scenarios/get', { scenario_id: id }, account.read);
    expect(got.text).not.toContain(created.webhook_secret);
    const view = got.body.data;
    expect(view).toEqual({
      id,
      ...SCENARIO,
      version: 1,
      is_active: false,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updated_at: view.created_at,
    });

    const listed = await call<ScenarioList>('scenarios/list', {}, account.integration);
    expect(listed.items.map((item) => item.id)).toContain(id);
    expect(listed.items.find((item) => item.id === id)).toEqual(view);
    expect(listed.next_from_id).toBeNull();

    const renamed = await call<ScenarioView>('scenarios/update', { scenario_id: id, name: 'Welcome back' });
    expect(renamed).toMatchObject({ name: 'Welcome back', version: 1, nodes: NODES, edges: EDGES });
    const shorter = { nodes: NODES.slice(0, 2), edges: EDGES.slice(0, 1) };
    const updated = await call<ScenarioView>('scenarios/update', { scenario_id: id, ...shorter });
    expect(updated).toMatchObject({ name: 'Welcome back', trigger: SCENARIO.trigger, ...shorter, version: 2 });
    expect(await call<ScenarioView>('scenarios/get', { scenario_id: id }, account.read)).toEqual(updated);

    for (const [method, isActive] of [
      ['scenarios/activate', true],
      ['scenarios/activate', true],
      ['scenarios/deactivate', false],
      ['scenarios/deactivate', false],
    ] as const) {
      expect(await call(method, { scenario_id: id })).toEqual({ scenario_id: id, is_active: isActive });
      expect(await call<ScenarioView>('scenarios/get', { scenario_id: id })).toMatchObject({
        is_active: isActive,
        version: 2,
      });
    }
  });

  it('the catalogue lists the node codes with their args schemas and outputs, to every role', async () => {
    const { items } = await call<{ items: CatalogueEntry[] }>('scenarios/nodes/catalogue', {}, account.read);
    const codes = items.map((entry) => entry.code);
    expect(codes).toEqual([...codes].sort());
    const outputs = Object.fromEntries(items.map((entry) => [entry.code, [...entry.outputs].sort()]));
    expect(outputs).toMatchObject({
      'loyalty.participation': ['already_member', 'error', 'joined'],
      'loyalty.points_management': ['error', 'insufficient_points', 'limit_reached', 'not_a_member', 'success'],
      'flow.wait': ['done'],
      'flow.condition': ['false', 'true'],
      'notify.webhook': ['failed', 'sent'],
    });
    for (const entry of items) {
      expect(entry).toEqual({
        code: entry.code,
        description: expect.any(String),
        args_schema: expect.objectContaining({ type: 'object' }),
        outputs: expect.any(Array),
      });
    }
    const one = await call<{ items: CatalogueEntry[] }>('scenarios/nodes/catalogue', { code: 'flow.wait' });
    expect(one.items.map((entry) => entry.code)).toEqual(['flow.wait']);
  });

  it("another account's scenario answers like a missing one (404) and is never listed", async () => {
    const { scenario_id } = await call<{ scenario_id: number }>('scenarios/create', { ...SCENARIO, name: 'Mine' });
    for (const id of [scenario_id, 999_999_999]) {
      for (const [method, body] of [
        ['scenarios/get', {}],
        ['scenarios/update', { name: 'Hijacked' }],
        ['scenarios/activate', {}],
        ['scenarios/deactivate', {}],
      ] as const) {
        expectFailure(await stack.call(method, { scenario_id: id, ...body }, other.admin), 404, 4, 'NOT_FOUND');
      }
    }
    expect((await call<ScenarioList>('scenarios/list', {}, other.read)).items).toEqual([]);
    expect(await call<ScenarioView>('scenarios/get', { scenario_id })).toMatchObject({
      name: 'Mine',
      is_active: false,
    });
  });

  it('a program or promotion the account does not have is error 18 at its path, and nothing is created', async () => {
    const before = await totalCount();
    const foreign = { ...SCENARIO, nodes: NODES.map((node) => ({ ...node, args: { ...node.args } })) };
    foreign.nodes[1].args['promotion_id'] = 'birthday';
    const failure = expectFailure(
      await stack.call('scenarios/create', foreign, account.admin),
      400,
      18,
      'UNKNOWN_REFERENCE',
    );
    expect(failure.details.fields).toEqual([
      {
        path: 'nodes[1].args.promotion_id',
        message: `node "give" (nodes[1]): promotion "birthday" does not exist in loyalty program ${PROGRAM_ID}`,
      },
    ]);
    const theirs = expectFailure(
      await stack.call('scenarios/create', SCENARIO, other.admin),
      400,
      18,
      'UNKNOWN_REFERENCE',
    );
    expect(theirs.details.fields?.map((field) => field.path)).toEqual([
      'nodes[0].args.loyalty_program_id',
      'nodes[1].args.loyalty_program_id',
      'nodes[1].args.promotion_id',
    ]);
    expect(await totalCount()).toBe(before);
    expect(await totalCount(other.read)).toBe(0);
  });

  describe('a malformed graph is error 1 naming the node, and nothing is created', () => {
    it.each(MALFORMED)('$kind', async ({ graph, path, names }) => {
      const before = await totalCount();
      const answer = await stack.call('scenarios/create', { ...SCENARIO, ...graph }, account.admin);
      const failure = expectFailure(answer, 400, 1, 'VALIDATION_FAILED');
      expect(failure.details.fields).toContainEqual({
        path: expect.stringMatching(path),
        message: expect.stringContaining(names),
      });
      expect(await totalCount()).toBe(before);
    });

    it('the same rules hold on update, and a rejected update changes nothing', async () => {
      const { scenario_id } = await call<{ scenario_id: number }>('scenarios/create', SCENARIO);
      const saved = await call<ScenarioView>('scenarios/get', { scenario_id });
      for (const { graph, path } of MALFORMED) {
        const answer = await stack.call('scenarios/update', { scenario_id, name: 'Never', ...graph }, account.admin);
        const failure = expectFailure(answer, 400, 1, 'VALIDATION_FAILED');
        expect(failure.details.fields?.map((field) => field.path)).toContainEqual(expect.stringMatching(path));
      }
      expect(await call<ScenarioView>('scenarios/get', { scenario_id })).toEqual(saved);
    });

    it('refuses unknown fields, args that are not an object and an event name with a control character', async () => {
      const before = await totalCount();
      const cases: [unknown, string][] = [
        [{ ...SCENARIO, colour: 'red' }, 'colour'],
        [{ ...SCENARIO, nodes: [{ ...NODES[0], extra: 1 }, ...NODES.slice(1)] }, 'nodes[0].extra'],
        [{ ...SCENARIO, nodes: [{ ...NODES[0], args: [1] }, ...NODES.slice(1)] }, 'nodes[0].args'],
        [{ ...SCENARIO, trigger: { event_name: 'signed\nup' } }, 'trigger.event_name'],
      ];
      for (const [body, path] of cases) {
        const failure = expectFailure(
          await stack.call('scenarios/create', body, account.admin),
          400,
          1,
          'VALIDATION_FAILED',
        );
        expect(failure.details.fields?.map((field) => field.path)).toContain(path);
      }
      expect(await totalCount()).toBe(before);
    });
  });
});
