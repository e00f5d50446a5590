import { AuditEntry, CLOCK, CreateAccount, PLATFORM_ENTITIES, SharedTestClock } from '@loyalty/platform';
import { createIntegrationContext, IntegrationContext, rejectionOf } from '@loyalty/testing';
import { SCENARIO_ENTITIES } from '../entities/index';
import { Scenario } from '../entities/scenario.entity';
import { ScenarioVersion } from '../entities/scenario-version.entity';
import type { GraphEdge, GraphNode } from '../graph/scenario-graph';
import { ScenarioReferences } from './scenario-references';
import { NodeRegistry } from '../node/node-registry';
import type { ScenarioNode } from '../node/scenario-node';
import { ActivateScenario } from './activate-scenario.use-case';
import { CreateScenario } from './create-scenario.use-case';
import { DeactivateScenario } from './deactivate-scenario.use-case';
import { GetScenario } from './get-scenario.use-case';
import { ListNodeCatalogue } from './list-node-catalogue.use-case';
import { ListScenarios } from './list-scenarios.use-case';
import { UpdateScenario } from './update-scenario.use-case';

function fakeNode(code: string, outputs: string[], waits = false): ScenarioNode {
  return {
    code,
    description: `fake ${code}`,
    argsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { seconds: { type: 'integer', minimum: 1 } },
    },
    outputs,
    runs: 'in-transaction',
    waits,
    execute: async () => ({ output: outputs[0] }),
  };
}

const REGISTRY = new NodeRegistry([fakeNode('test.check', ['true', 'false']), fakeNode('test.wait', ['done'], true)]);

const nodes: GraphNode[] = [
  { id: 'check', code: 'test.check', args: {} },
  { id: 'wait', code: 'test.wait', args: { seconds: 60 } },
];
const edges: GraphEdge[] = [
  { from: 'check', output: 'false', to: 'wait' },
  { from: 'wait', output: 'done', to: 'check' },
];
const input = { name: 'Welcome', trigger: { event_name: 'signed_up' }, nodes, edges };

describe('scenario configuration (real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let clock: SharedTestClock;
  let accountId: number;
  let otherAccountId: number;
  const as = <T>(fn: () => Promise<T>) => ctx.asAccount(accountId, fn);
  const asOther = <T>(fn: () => Promise<T>) => ctx.asAccount(otherAccountId, fn);
  const versions = (scenarioId: number) =>
    ctx.em().find(ScenarioVersion, { scenario: scenarioId }, { filters: false, orderBy: { version: 'asc' } });
  const audit = (scenarioId: number) =>
    ctx
      .em()
      .find(
        AuditEntry,
        { entityType: 'scenario', entityId: String(scenarioId) },
        { filters: false, orderBy: { id: 'asc' } },
      );
  const rowCounts = async () => ({
    scenarios: await ctx.em().count(Scenario, {}, { filters: false }),
    versions: await ctx.em().count(ScenarioVersion, {}, { filters: false }),
    audit: await ctx.em().count(AuditEntry, { entityType: 'scenario' }, { filters: false }),
  });

  beforeAll(async () => {
    ctx = await createIntegrationContext({
      label: 'scenario-config',
      entities: [...PLATFORM_ENTITIES, ...SCENARIO_ENTITIES],
      providers: [
        { provide: NodeRegistry, useValue: REGISTRY },
        ScenarioReferences,
        CreateScenario,
        UpdateScenario,
        GetScenario,
        ListScenarios,
        ActivateScenario,
        DeactivateScenario,
        ListNodeCatalogue,
      ],
      env: { TEST_CLOCK: 'true' },
    });
    clock = ctx.get(CLOCK);
    await clock.set(new Date('2026-02-01T10:00:00.000Z'));
    accountId = (await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name: 'Shop' }))).accountId;
    otherAccountId = (await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name: 'Other' }))).accountId;
  });

  afterAll(() => ctx.close());

  it('creates an inactive scenario with version 1, its version row, a webhook secret and an audit entry', async () => {
    const created = await as(() => ctx.get(CreateScenario).execute(input));
    expect(created.webhookSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const view = await as(() => ctx.get(GetScenario).execute(created.scenarioId));
    expect(view).toEqual({
      id: created.scenarioId,
      ...input,
      version: 1,
      is_active: false,
      created_at: '2026-02-01T10:00:00.000Z',
      updated_at: '2026-02-01T10:00:00.000Z',
    });
    expect(JSON.stringify(view)).not.toContain(created.webhookSecret);
    const row = await ctx
      .em()
      .findOneOrFail(Scenario, { id: created.scenarioId }, { filters: false, populate: ['webhookSecret'] });
    expect([row.account, row.webhookSecret]).toEqual([accountId, created.webhookSecret]);
    expect(
      (await versions(created.scenarioId)).map((version) => [
        version.version,
        version.account,
        version.nodes,
        version.edges,
      ]),
    ).toEqual([[1, accountId, nodes, edges]]);
    expect((await audit(created.scenarioId)).map((entry) => [entry.action, entry.after])).toEqual([['create', view]]);
  });

  it('lists the account’s scenarios by id with keyset pages, never another account’s', async () => {
    const theirs = await asOther(() => ctx.get(CreateScenario).execute({ ...input, name: 'Theirs' }));
    const second = await as(() => ctx.get(CreateScenario).execute({ ...input, name: 'Second' }));
    const third = await as(() => ctx.get(CreateScenario).execute({ ...input, name: 'Third' }));
    const first = await as(() => ctx.get(ListScenarios).execute({ limit: 2 }));
    expect(first.items.map((item) => item.name)).toEqual(['Welcome', 'Second']);
    expect([first.nextFromId, first.totalCount]).toEqual([second.scenarioId, 3]);
    const rest = await as(() => ctx.get(ListScenarios).execute({ fromId: first.nextFromId, limit: 2 }));
    expect(rest.items.map((item) => item.id)).toEqual([third.scenarioId]);
    expect(rest.nextFromId).toBeNull();
    const theirList = await asOther(() => ctx.get(ListScenarios).execute({}));
    expect(theirList.items.map((item) => item.id)).toEqual([theirs.scenarioId]);
    expect(theirList.totalCount).toBe(1);
  });

  it('answers 404 for a missing or foreign scenario, on every method', async () => {
    const { scenarioId } = await asOther(() => ctx.get(CreateScenario).execute({ ...input, name: 'Foreign' }));
    for (const id of [scenarioId, 999_999_999]) {
      const calls: (() => Promise<unknown>)[] = [
        () => ctx.get(GetScenario).execute(id),
        () => ctx.get(UpdateScenario).execute(id, { name: 'Hijacked' }),
        () => ctx.get(ActivateScenario).execute(id),
        () => ctx.get(DeactivateScenario).execute(id),
      ];
      for (const call of calls) {
        expect(await rejectionOf(as(call))).toMatchObject({ code: 'NOT_FOUND' });
      }
    }
    expect(await asOther(() => ctx.get(GetScenario).execute(scenarioId))).toMatchObject({
      name: 'Foreign',
      is_active: false,
    });
  });

  it('updates a partial patch: a new graph is the next version with its own row; a name alone is not', async () => {
    const { scenarioId } = await as(() => ctx.get(CreateScenario).execute(input));
    await clock.set(new Date('2026-02-02T08:00:00.000Z'));
    const renamed = await as(() =>
      ctx.get(UpdateScenario).execute(scenarioId, { name: 'Renamed', trigger: { event_name: 'joined' } }),
    );
    expect(renamed).toMatchObject({ name: 'Renamed', trigger: { event_name: 'joined' }, version: 1, nodes, edges });
    expect(renamed.updated_at).toBe('2026-02-02T08:00:00.000Z');

    const shorter: GraphNode[] = [{ id: 'only', code: 'test.check', args: {} }];
    const updated = await as(() => ctx.get(UpdateScenario).execute(scenarioId, { nodes: shorter, edges: [] }));
    expect(updated).toMatchObject({ name: 'Renamed', version: 2, nodes: shorter, edges: [] });
    const waitLonger = nodes.map((node) => (node.id === 'wait' ? { ...node, args: { seconds: 120 } } : node));
    const third = await as(() => ctx.get(UpdateScenario).execute(scenarioId, { nodes: waitLonger, edges }));
    expect(third.version).toBe(3);
    expect(await as(() => ctx.get(GetScenario).execute(scenarioId))).toEqual(third);
    expect((await versions(scenarioId)).map((version) => [version.version, version.nodes, version.edges])).toEqual([
      [1, nodes, edges],
      [2, shorter, []],
      [3, waitLonger, edges],
    ]);

    // the same graph again (keys in another order) changes nothing and writes nothing
    const before = await rowCounts();
    const reordered = waitLonger.map((node) => ({ args: node.args, code: node.code, id: node.id }));
    expect(await as(() => ctx.get(UpdateScenario).execute(scenarioId, { nodes: reordered }))).toEqual(third);
    expect(await rowCounts()).toEqual(before);
    expect((await audit(scenarioId)).map((entry) => entry.action)).toEqual(['create', 'update', 'update', 'update']);
  });

  it('activates and deactivates, each a no-op when already in that state', async () => {
    const { scenarioId } = await as(() => ctx.get(CreateScenario).execute(input));
    await clock.set(new Date('2026-02-03T08:00:00.000Z'));
    expect(await as(() => ctx.get(ActivateScenario).execute(scenarioId))).toEqual({ scenarioId, isActive: true });
    expect(await as(() => ctx.get(ActivateScenario).execute(scenarioId))).toEqual({ scenarioId, isActive: true });
    expect(await as(() => ctx.get(GetScenario).execute(scenarioId))).toMatchObject({
      is_active: true,
      version: 1,
      updated_at: '2026-02-03T08:00:00.000Z',
    });
    expect(await as(() => ctx.get(DeactivateScenario).execute(scenarioId))).toEqual({ scenarioId, isActive: false });
    expect(await as(() => ctx.get(DeactivateScenario).execute(scenarioId))).toEqual({ scenarioId, isActive: false });
    expect((await audit(scenarioId)).map((entry) => entry.action)).toEqual(['create', 'activate', 'deactivate']);
    expect(await versions(scenarioId)).toHaveLength(1);
  });

  it('rejects a malformed graph or event name with every problem (error 1) and changes nothing', async () => {
    const { scenarioId } = await as(() => ctx.get(CreateScenario).execute(input));
    const saved = await as(() => ctx.get(GetScenario).execute(scenarioId));
    const before = await rowCounts();

    const badGraph = {
      nodes: [...nodes, { id: 'odd', code: 'test.nothing', args: {} }],
      edges: [...edges, { from: 'check', output: 'maybe', to: 'ghost' }],
    };
    const created = await rejectionOf(as(() => ctx.get(CreateScenario).execute({ ...input, ...badGraph })));
    expect(created).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(created.details.fields).toEqual([
      {
        path: 'nodes[2].code',
        message: 'node "odd" (nodes[2]): unknown node code "test.nothing" (scenarios/nodes/catalogue lists the codes)',
      },
      { path: 'edges[2].to', message: 'edges[2]: to names node "ghost", which is not in nodes (a dangling edge)' },
      { path: 'edges[2].output', message: 'node "check" (nodes[0]) has no output "maybe" (its outputs: true, false)' },
      {
        path: 'nodes[2]',
        message: 'node "odd" (nodes[2]) is unreachable: no edges lead to it from node "check" (nodes[0])',
      },
    ]);
    expect(created.message).toBe(
      'nodes[2].code: node "odd" (nodes[2]): unknown node code "test.nothing" (scenarios/nodes/catalogue lists the codes) (and 3 more)',
    );

    const updated = await rejectionOf(as(() => ctx.get(UpdateScenario).execute(scenarioId, badGraph)));
    expect(updated.details.fields).toEqual(created.details.fields);
    // a patch of the edges alone is validated with the saved nodes
    const cycle = await rejectionOf(
      as(() =>
        ctx.get(UpdateScenario).execute(scenarioId, {
          name: 'Never saved',
          edges: [
            { from: 'check', output: 'false', to: 'check' },
            { from: 'check', output: 'true', to: 'wait' },
          ],
        }),
      ),
    );
    expect(cycle.details.fields).toEqual([
      {
        path: 'nodes[0]',
        message:
          'node "check" (nodes[0]) is on a cycle without a waiting node ("check" → "check"); a cycle must pass through a node that waits, such as flow.wait',
      },
    ]);
    for (const event_name of ['', 'x'.repeat(256), 'line\nbreak']) {
      const refused = await rejectionOf(
        as(() => ctx.get(UpdateScenario).execute(scenarioId, { trigger: { event_name } })),
      );
      expect(refused.details.fields).toEqual([
        { path: 'trigger.event_name', message: 'an event name must be 1-255 printable characters' },
      ]);
    }
    expect(
      await rejectionOf(as(() => ctx.get(CreateScenario).execute({ ...input, nodes: [], edges: [] }))),
    ).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'nodes' }] } });

    expect(await rowCounts()).toEqual(before);
    expect(await as(() => ctx.get(GetScenario).execute(scenarioId))).toEqual(saved);
  });

  it('lists the node catalogue by code', async () => {
    expect(
      ctx
        .get(ListNodeCatalogue)
        .execute()
        .map((entry) => [entry.code, entry.outputs]),
    ).toEqual([
      ['test.check', ['true', 'false']],
      ['test.wait', ['done']],
    ]);
  });
});
