import type { NodeCatalogueEntry, ScenarioNode } from './scenario-node';

/** Every node code the engine knows; built once at start-up, which fails on a duplicate code. */
export class NodeRegistry {
  private readonly byCode = new Map<string, ScenarioNode>();

  constructor(nodes: readonly ScenarioNode[]) {
    for (const node of nodes) {
      if (this.byCode.has(node.code)) throw new Error(`Two scenario nodes have the code ${node.code}`);
      this.byCode.set(node.code, node);
    }
  }

  find(code: string): ScenarioNode | undefined {
    return this.byCode.get(code);
  }

  require(code: string): ScenarioNode {
    const node = this.byCode.get(code);
    if (!node) throw new Error(`No scenario node has the code ${code}`);
    return node;
  }

  catalogue(): NodeCatalogueEntry[] {
    return [...this.byCode.values()]
      .map((node) => ({
        code: node.code,
        description: node.description,
        args_schema: node.argsSchema,
        outputs: [...node.outputs],
      }))
      .sort((a, b) => a.code.localeCompare(b.code));
  }
}
