import { Injectable } from '@nestjs/common';
import { NodeRegistry } from '../node/node-registry';
import type { NodeCatalogueEntry } from '../node/scenario-node';

/** `scenarios/nodes/catalogue`: every node code with its args schema and outputs, by code. */
@Injectable()
export class ListNodeCatalogue {
  constructor(private readonly registry: NodeRegistry) {}

  execute(): NodeCatalogueEntry[] {
    return this.registry.catalogue();
  }
}
