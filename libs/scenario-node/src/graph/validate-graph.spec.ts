import { NodeRegistry } from '../node/node-registry';
import type { ScenarioNode } from '../node/scenario-node';
import type { GraphEdge, GraphNode } from './scenario-graph';
import { validateGraph } from './validate-graph';

function fakeNode(code: string, outputs: string[], extra: Partial<ScenarioNode> = {}): ScenarioNode {
  return {
    code,
    description: `fake ${code}`,
    argsSchema: { type: 'object', additionalProperties: false, properties: {} },
    outputs,
    runs: 'in-transaction',
    execute: async () => ({ output: outputs[0] }),
    ...extra,
  };
}

const registry = new NodeRegistry([
  fakeNode('test.start', ['next']),
  fakeNode('test.give', ['success', 'error'], {
    argsSchema: {
      type: 'object',
      additionalProperties: false,
      required: ['amount'],
      properties: { amount: { type: 'integer', minimum: 1 }, max: { type: 'integer' } },
    },
    checkArgs: (args) =>
      typeof args['max'] === 'number' && args['max'] < (args['amount'] as number)
        ? [{ path: 'max', message: 'must not be below amount' }]
        : [],
  }),
  fakeNode('test.check', ['true', 'false']),
  fakeNode('test.wait', ['done'], { waits: true }),
]);

const node = (id: string, code = 'test.start', args: Record<string, unknown> = {}): GraphNode => ({ id, code, args });
const edge = (from: string, output: string, to: string): GraphEdge => ({ from, output, to });
const check = (nodes: GraphNode[], edges: GraphEdge[] = []) => validateGraph({ nodes, edges }, registry);

describe('validateGraph', () => {
  it('accepts a valid graph whose only cycle passes through a waiting node', () => {
    const nodes = [
      node('start'),
      node('give', 'test.give', { amount: 5, max: 10 }),
      node('check', 'test.check'),
      node('wait', 'test.wait'),
    ];
    const edges = [
      edge('start', 'next', 'give'),
      edge('give', 'success', 'check'),
      edge('check', 'false', 'wait'),
      edge('wait', 'done', 'give'),
    ];
    expect(check(nodes, edges)).toEqual([]);
  });

  it('refuses a graph without nodes', () => {
    expect(check([])).toEqual([
      { path: 'nodes', message: 'a scenario needs at least one node: a run starts at nodes[0]' },
    ]);
  });

  it('refuses a duplicate node id', () => {
    expect(check([node('a'), node('b'), node('a')], [edge('a', 'next', 'b')])).toEqual([
      { path: 'nodes[2].id', message: 'node "a" (nodes[2]): the id is already used by nodes[0]' },
    ]);
  });

  it.each(['', 'has space', 'x'.repeat(65), 'ünïcode'])('refuses the node id %j', (id) => {
    const problems = check([node('start'), node(id)], [edge('start', 'next', id)]);
    expect(problems).toEqual([
      {
        path: 'nodes[1].id',
        message: `node ${JSON.stringify(id)} (nodes[1]): an id must be 1-64 characters of letters, digits, "_", "." and "-"`,
      },
    ]);
  });

  it('refuses an unknown node code', () => {
    expect(check([node('start'), node('odd', 'test.nothing')], [edge('start', 'next', 'odd')])).toEqual([
      {
        path: 'nodes[1].code',
        message: 'node "odd" (nodes[1]): unknown node code "test.nothing" (scenarios/nodes/catalogue lists the codes)',
      },
    ]);
  });

  it("refuses args that break the node's schema, at the args' paths", () => {
    const problems = check(
      [node('start'), node('give', 'test.give', { amount: 'five', extra: 1 }), node('none', 'test.give')],
      [edge('start', 'next', 'give'), edge('give', 'success', 'none')],
    );
    expect(problems).toEqual([
      { path: 'nodes[1].args.amount', message: 'node "give" (nodes[1]): args.amount is string, expected integer' },
      { path: 'nodes[1].args.extra', message: 'node "give" (nodes[1]): args.extra is not allowed' },
      { path: 'nodes[2].args.amount', message: 'node "none" (nodes[2]): args.amount is required' },
    ]);
  });

  it("refuses args that the node's checkArgs refuses", () => {
    const problems = check(
      [node('start'), node('give', 'test.give', { amount: 5, max: 2 })],
      [edge('start', 'next', 'give')],
    );
    expect(problems).toEqual([
      { path: 'nodes[1].args.max', message: 'node "give" (nodes[1]): args.max must not be below amount' },
    ]);
  });

  it('refuses args that are not an object', () => {
    const problems = check([{ id: 'start', code: 'test.start', args: [] as unknown as Record<string, unknown> }]);
    expect(problems).toEqual([
      { path: 'nodes[0].args', message: 'node "start" (nodes[0]): args must be a JSON object' },
    ]);
  });

  it('refuses a dangling edge, from or to an unknown node id', () => {
    const problems = check(
      [node('start'), node('end')],
      [edge('start', 'next', 'end'), edge('ghost', 'next', 'nowhere')],
    );
    expect(problems).toEqual([
      {
        path: 'edges[1].from',
        message: 'edges[1]: from names node "ghost", which is not in nodes (a dangling edge)',
      },
      {
        path: 'edges[1].to',
        message: 'edges[1]: to names node "nowhere", which is not in nodes (a dangling edge)',
      },
    ]);
  });

  it('refuses an edge from an output the node does not declare', () => {
    expect(check([node('start'), node('end')], [edge('start', 'maybe', 'end')])).toEqual([
      { path: 'edges[0].output', message: 'node "start" (nodes[0]) has no output "maybe" (its outputs: next)' },
    ]);
  });

  it('refuses two edges for the same output of a node', () => {
    const problems = check(
      [node('start'), node('a'), node('b')],
      [edge('start', 'next', 'a'), edge('start', 'next', 'b'), edge('a', 'next', 'b')],
    );
    expect(problems).toEqual([
      {
        path: 'edges[1].output',
        message: 'node "start" (nodes[0]): output "next" already has an edge (edges[0]); an output leads to one node',
      },
    ]);
  });

  it('refuses a node no path leads to from nodes[0]', () => {
    const problems = check([node('start'), node('island'), node('end')], [edge('start', 'next', 'end')]);
    expect(problems).toEqual([
      {
        path: 'nodes[1]',
        message: 'node "island" (nodes[1]) is unreachable: no edges lead to it from node "start" (nodes[0])',
      },
    ]);
  });

  it('refuses a cycle through no waiting node, naming its nodes', () => {
    const nodes = [node('start'), node('give', 'test.give', { amount: 1 }), node('check', 'test.check')];
    const edges = [edge('start', 'next', 'give'), edge('give', 'success', 'check'), edge('check', 'true', 'give')];
    expect(check(nodes, edges)).toEqual([
      {
        path: 'nodes[1]',
        message:
          'node "give" (nodes[1]) is on a cycle without a waiting node ("give" → "check" → "give"); a cycle must pass through a node that waits, such as flow.wait',
      },
    ]);
  });

  it('finds a cycle that avoids the waiting node of its component', () => {
    const nodes = [node('check', 'test.check'), node('wait', 'test.wait'), node('again', 'test.check')];
    const edges = [
      edge('check', 'true', 'wait'),
      edge('wait', 'done', 'check'),
      edge('check', 'false', 'again'),
      edge('again', 'true', 'check'),
    ];
    expect(check(nodes, edges).map((problem) => [problem.path, problem.message])).toEqual([
      [
        'nodes[0]',
        expect.stringContaining(
          'node "check" (nodes[0]) is on a cycle without a waiting node ("check" → "again" → "check")',
        ),
      ],
    ]);
  });

  it('refuses a node whose output leads back to itself', () => {
    const nodes = [node('start'), node('check', 'test.check')];
    const edges = [edge('start', 'next', 'check'), edge('check', 'false', 'check')];
    expect(check(nodes, edges).map((problem) => [problem.path, problem.message])).toEqual([
      [
        'nodes[1]',
        expect.stringContaining('node "check" (nodes[1]) is on a cycle without a waiting node ("check" → "check")'),
      ],
    ]);
  });

  it('reports every problem of a graph at once', () => {
    const problems = check(
      [node('start'), node('start'), node('x', 'nope')],
      [edge('start', 'next', 'ghost'), edge('x', 'y', 'start')],
    );
    expect(problems.map((problem) => problem.path)).toEqual([
      'nodes[1].id',
      'nodes[2].code',
      'edges[0].to',
      'nodes[2]',
    ]);
  });
});
