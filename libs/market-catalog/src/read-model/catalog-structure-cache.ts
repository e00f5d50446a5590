import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CatalogStructure, CatalogStructures, loadCatalogStructure } from './catalog-structure';

const MAX_ACCOUNTS = 1_000;

/**
 * Catalog structures cached in process (spec/quality.md §1: hot data is cached and invalidated on
 * change). A cart reads its account's `catalog_version` with its items; the structure is read
 * again only when the cached one is behind, in whichever process the change was made.
 */
@Injectable()
export class CatalogStructureCache implements CatalogStructures {
  private readonly structures = new Map<number, CatalogStructure>();

  /** The account's structure at `version` or later. */
  async at(em: EntityManager, accountId: number, version: string): Promise<CatalogStructure> {
    const cached = this.structures.get(accountId);
    if (cached && BigInt(cached.version) >= BigInt(version)) return cached;
    const loaded = await loadCatalogStructure(em, accountId);
    const current = this.structures.get(accountId);
    // A slower concurrent load must not replace a newer structure.
    if (current && BigInt(current.version) > BigInt(loaded.version)) return loaded;
    this.structures.delete(accountId);
    if (this.structures.size >= MAX_ACCOUNTS) this.structures.delete(this.structures.keys().next().value as number);
    this.structures.set(accountId, loaded);
    return loaded;
  }
}
