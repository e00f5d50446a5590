import { Injectable } from '@nestjs/common';
import { NodeRegistry } from '../node/node-registry';
import type { NodeCatalogueEntry } from '../node/scenario-node';

/** `scenarios/nodes/catalogue`: every node code with its args schema and outputs, by code (or the one asked for). */
@Injectable()
export class ListNodeCatalogue {
  constructor(private readonly registry: NodeRegistry) {}

  execute(code?: string | null): NodeCatalogueEntry[] {
    const entries = this.registry.catalogue();
    return code == null ? entries : entries.filter((entry) => entry.code === code);
  }
}
