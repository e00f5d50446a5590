import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import { type CountedPage, findPage, PageRequest } from '@loyalty/platform';
import { CatalogItem, CatalogItemKind } from '../entities/catalog-item.entity';
import { loadCurrencyDigits } from '../repositories/currency-digits';
import { catalogItemView, CatalogItemView } from '../views/catalog-item-view';

export interface CatalogListFilter extends PageRequest {
  /** SKUs of one product. */
  productExternalId?: string | null;
  includeDeleted?: boolean | null;
}

/** `market/products/list` and `market/sku/list`: ascending by id, live items unless asked otherwise. */
@Injectable()
export class ListCatalogItems {
  constructor(private readonly em: EntityManager) {}

  async execute(kind: CatalogItemKind, filter: CatalogListFilter): Promise<CountedPage<CatalogItemView>> {
    const where: FilterQuery<CatalogItem> = {
      kind,
      ...(filter.includeDeleted ? {} : { deletedAt: null }),
      ...(filter.productExternalId ? { productExternalId: filter.productExternalId } : {}),
    };
    const [page, digitsOf, totalCount] = await Promise.all([
      findPage(this.em, CatalogItem, where, filter),
      loadCurrencyDigits(this.em),
      this.em.count(CatalogItem, where),
    ]);
    return {
      items: page.items.map((item) => catalogItemView(item, digitsOf)),
      nextFromId: page.nextFromId,
      totalCount,
    };
  }
}
