import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError } from '@loyalty/kernel';
import { CLOCK } from '@loyalty/platform';
import type { CatalogItemInput, CategoryInput } from '../domain/catalog-item-input';
import { CatalogImportSession, ImportCounts } from '../repositories/catalog-import-session';

export const MAX_IMPORT_ITEMS = 1000;

export interface CatalogImportInput {
  categories?: CategoryInput[] | null;
  data: CatalogItemInput[];
}

/**
 * `market/products/import` (products and SKUs) and `market/sku/import` (SKUs only): an upsert of
 * up to 1,000 items and their categories, all or nothing.
 */
@Injectable()
export class ImportCatalogItems {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: CatalogImportInput, options: { skusOnly?: boolean } = {}): Promise<ImportCounts> {
    if (options.skusOnly) {
      input.data.forEach((item, index) => {
        if (!item.product_external_id)
          throw DomainError.invalid(`data[${index}].product_external_id`, 'is required for a SKU');
      });
    }
    return this.em.transactional(async (em) => {
      const session = await CatalogImportSession.open(em, this.clock.now());
      await session.addCategories(
        (input.categories ?? []).map((category, index) => ({ category, path: `categories[${index}]` })),
      );
      await session.addItems(input.data.map((item, index) => ({ input: item, path: `data[${index}]` })));
      return session.counts();
    });
  }
}
