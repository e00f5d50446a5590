/** A node of a saved graph: its id (unique in the graph), the node code and the args for it. */
export interface GraphNode {
  id: string;
  code: string;
  args: Record<string, unknown>;
}

/** Where a run goes when node `from` answers `output`. */
export interface GraphEdge {
  from: string;
  output: string;
  to: string;
}

/** A scenario's graph; a run starts at `nodes[0]`. */
export interface ScenarioGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export function graphNode(graph: ScenarioGraph, id: string): GraphNode | undefined {
  return graph.nodes.find((node) => node.id === id);
}

/** The node a run goes to after `from` answered `output`, or null: the run ends there. */
export function nextNodeId(graph: ScenarioGraph, from: string, output: string): string | null {
  return graph.edges.find((edge) => edge.from === from && edge.output === output)?.to ?? null;
}
