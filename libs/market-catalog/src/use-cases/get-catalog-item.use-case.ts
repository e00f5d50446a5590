import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { CatalogItem, CatalogItemKind } from '../entities/catalog-item.entity';
import { loadCurrencyDigits } from '../repositories/currency-digits';
import { catalogItemView, CatalogItemView } from '../views/catalog-item-view';

/** `market/products/get` and `market/sku/get`: one item by external id; a deleted one is still shown, marked. */
@Injectable()
export class GetCatalogItem {
  constructor(private readonly em: EntityManager) {}

  async execute(kind: CatalogItemKind, externalId: string): Promise<CatalogItemView> {
    const item = await this.em.findOne(CatalogItem, { kind, externalId });
    if (!item) throw DomainError.notFound(`${kind === 'sku' ? 'SKU' : 'Product'} "${externalId}"`);
    return catalogItemView(item, await loadCurrencyDigits(this.em));
  }
}
