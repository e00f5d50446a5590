import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { VersionedCache } from '@loyalty/platform';
import { CatalogStructure, CatalogStructures, loadCatalogStructure } from './catalog-structure';

/**
 * Catalog structures cached in process. A cart reads its account's `catalog_version` with its
 * items; the structure is read again only when the cached one is behind, in whichever process the
 * change was made.
 */
@Injectable()
export class CatalogStructureCache implements CatalogStructures {
  private readonly structures = new VersionedCache<number, CatalogStructure>(1_000);

  /** The account's structure at `version` or later. */
  at(em: EntityManager, accountId: number, version: string): Promise<CatalogStructure> {
    return this.structures.at(accountId, version, () => loadCatalogStructure(em, accountId));
  }
}
