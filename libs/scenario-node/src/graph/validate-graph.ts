import { validateJson } from '@loyalty/contracts';
import type { NodeRegistry } from '../node/node-registry';
import type { ScenarioNode } from '../node/scenario-node';
import type { GraphNode, ScenarioGraph } from './scenario-graph';

/** A problem of a graph at a path of the request (`nodes[2].args.amount`), its message naming the node. */
export interface GraphProblem {
  path: string;
  message: string;
}

export const NODE_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** Everything a saved graph breaks (empty when it may be saved): spec/api.md §10, rules.md §8. */
export function validateGraph(graph: ScenarioGraph, registry: NodeRegistry): GraphProblem[] {
  if (graph.nodes.length === 0) {
    return [{ path: 'nodes', message: 'a scenario needs at least one node: a run starts at nodes[0]' }];
  }
  const index = firstIndexById(graph.nodes);
  const definitions = graph.nodes.map((node) => registry.find(node.code));
  return [
    ...graph.nodes.flatMap((node, at) => nodeProblems(node, at, index, definitions[at])),
    ...edgeProblems(graph, index, definitions),
    ...unreachableProblems(graph, index),
    ...cycleProblems(graph, index, definitions),
  ];
}

/** How messages name a node: `node "give" (nodes[2])`. */
export function nodeLabel(id: unknown, at: number): string {
  const text = typeof id === 'string' && id.length > 80 ? `${id.slice(0, 64)}…` : id;
  return `node ${JSON.stringify(text)} (nodes[${at}])`;
}

function firstIndexById(nodes: GraphNode[]): Map<string, number> {
  const index = new Map<string, number>();
  nodes.forEach((node, at) => {
    if (!index.has(node.id)) index.set(node.id, at);
  });
  return index;
}

function nodeProblems(
  node: GraphNode,
  at: number,
  index: Map<string, number>,
  definition: ScenarioNode | undefined,
): GraphProblem[] {
  const name = nodeLabel(node.id, at);
  const problems: GraphProblem[] = [];
  if (typeof node.id !== 'string' || !NODE_ID_PATTERN.test(node.id)) {
    problems.push({
      path: `nodes[${at}].id`,
      message: `${name}: an id must be 1-64 characters of letters, digits, "_", "." and "-"`,
    });
  }
  const first = index.get(node.id);
  if (first !== undefined && first !== at) {
    problems.push({ path: `nodes[${at}].id`, message: `${name}: the id is already used by nodes[${first}]` });
  }
  if (!definition) {
    problems.push({
      path: `nodes[${at}].code`,
      message: `${name}: unknown node code ${JSON.stringify(node.code)} (scenarios/nodes/catalogue lists the codes)`,
    });
    return problems;
  }
  return [...problems, ...argsProblems(node, at, name, definition)];
}

function argsProblems(node: GraphNode, at: number, name: string, definition: ScenarioNode): GraphProblem[] {
  const base = `nodes[${at}].args`;
  if (node.args === null || typeof node.args !== 'object' || Array.isArray(node.args)) {
    return [{ path: base, message: `${name}: args must be a JSON object` }];
  }
  // validateJson answers `path: problem` lines whose path starts with `base`
  const schemaProblems = validateJson(definition.argsSchema, node.args, base).map((line) => {
    const split = line.indexOf(': ', base.length);
    const path = line.slice(0, split);
    return { path, message: `${name}: ${path.slice(`nodes[${at}].`.length)} ${line.slice(split + 2)}` };
  });
  // checkArgs may rely on the schema's shape, so it runs on schema-valid args only
  if (schemaProblems.length > 0 || !definition.checkArgs) return schemaProblems;
  return definition.checkArgs(node.args).map((problem) => {
    const inner = problem.path === '' || problem.path.startsWith('[') ? problem.path : `.${problem.path}`;
    const path = `${base}${inner}`;
    return { path, message: `${name}: ${path.slice(`nodes[${at}].`.length)} ${problem.message}` };
  });
}

function edgeProblems(
  graph: ScenarioGraph,
  index: Map<string, number>,
  definitions: (ScenarioNode | undefined)[],
): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const taken = new Map<string, number>();
  graph.edges.forEach((edge, at) => {
    for (const end of ['from', 'to'] as const) {
      if (!index.has(edge[end])) {
        problems.push({
          path: `edges[${at}].${end}`,
          message: `edges[${at}]: ${end} names node ${JSON.stringify(edge[end])}, which is not in nodes (a dangling edge)`,
        });
      }
    }
    const from = index.get(edge.from);
    if (from === undefined) return;
    const name = nodeLabel(edge.from, from);
    const outputs = definitions[from]?.outputs;
    if (outputs && !outputs.includes(edge.output)) {
      problems.push({
        path: `edges[${at}].output`,
        message: `${name} has no output ${JSON.stringify(edge.output)} (its outputs: ${outputs.join(', ')})`,
      });
    }
    const key = JSON.stringify([edge.from, edge.output]);
    const first = taken.get(key);
    if (first === undefined) taken.set(key, at);
    else {
      problems.push({
        path: `edges[${at}].output`,
        message: `${name}: output ${JSON.stringify(edge.output)} already has an edge (edges[${first}]); an output leads to one node`,
      });
    }
  });
  return problems;
}

/** Node index → the indexes its edges lead to (edges with a dangling end are left out). */
function successors(graph: ScenarioGraph, index: Map<string, number>): number[][] {
  const next: number[][] = graph.nodes.map(() => []);
  for (const edge of graph.edges) {
    const from = index.get(edge.from);
    const to = index.get(edge.to);
    if (from !== undefined && to !== undefined) next[from].push(to);
  }
  return next;
}

function unreachableProblems(graph: ScenarioGraph, index: Map<string, number>): GraphProblem[] {
  const next = successors(graph, index);
  const reached = new Set<number>([0]);
  const queue = [0];
  while (queue.length > 0) {
    for (const to of next[queue.shift() as number]) {
      if (!reached.has(to)) {
        reached.add(to);
        queue.push(to);
      }
    }
  }
  const start = nodeLabel(graph.nodes[0].id, 0);
  return graph.nodes.flatMap((node, at) =>
    // a duplicate id is reported as such, not again as unreachable
    reached.has(at) || index.get(node.id) !== at
      ? []
      : [
          {
            path: `nodes[${at}]`,
            message: `${nodeLabel(node.id, at)} is unreachable: no edges lead to it from ${start}`,
          },
        ],
  );
}

/**
 * Cycles that pass through no waiting node: the strongly connected components of the graph
 * without its waiting nodes, each reported once with one concrete cycle through it.
 */
function cycleProblems(
  graph: ScenarioGraph,
  index: Map<string, number>,
  definitions: (ScenarioNode | undefined)[],
): GraphProblem[] {
  const waits = (at: number) => definitions[at]?.waits === true;
  const next = successors(graph, index).map((targets, at) => (waits(at) ? [] : targets.filter((to) => !waits(to))));
  return stronglyConnected(next)
    .filter((component) => component.length > 1 || next[component[0]].includes(component[0]))
    .map((component) => {
      const first = Math.min(...component);
      const cycle = cycleThrough(first, new Set(component), next)
        .map((at) => JSON.stringify(graph.nodes[at].id))
        .join(' → ');
      return {
        path: `nodes[${first}]`,
        message: `${nodeLabel(graph.nodes[first].id, first)} is on a cycle without a waiting node (${cycle}); a cycle must pass through a node that waits, such as flow.wait`,
      };
    });
}

/** Tarjan's algorithm, iterative so a long chain cannot overflow the stack. */
function stronglyConnected(next: number[][]): number[][] {
  const order = new Array<number>(next.length).fill(-1);
  const low = new Array<number>(next.length).fill(0);
  const onStack = new Array<boolean>(next.length).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  for (let root = 0; root < next.length; root += 1) {
    if (order[root] !== -1) continue;
    const work: Array<[number, number]> = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [node, edge] = frame;
      if (edge === 0 && order[node] === -1) {
        order[node] = low[node] = counter++;
        stack.push(node);
        onStack[node] = true;
      }
      if (edge < next[node].length) {
        frame[1] += 1;
        const to = next[node][edge];
        if (order[to] === -1) work.push([to, 0]);
        else if (onStack[to]) low[node] = Math.min(low[node], order[to]);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low[parent] = Math.min(low[parent], low[node]);
      }
      if (low[node] === order[node]) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop() as number;
          onStack[member] = false;
          component.push(member);
        } while (member !== node);
        components.push(component);
      }
    }
  }
  return components;
}

/** The shortest path from `start` back to itself inside `component` (breadth first). */
function cycleThrough(start: number, component: Set<number>, next: number[][]): number[] {
  const previous = new Map<number, number>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() as number;
    for (const to of next[node]) {
      if (!component.has(to)) continue;
      if (to === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0]) as number);
        return [...path, start];
      }
      if (!previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start];
}
