import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError } from '@loyalty/kernel';
import { AccountContext, CLOCK, recordAudit } from '@loyalty/platform';
import { CatalogItem, CatalogItemKind } from '../entities/catalog-item.entity';
import { lockCatalog } from '../repositories/catalog-lock';

/**
 * `market/products/delete` and `market/sku/delete`: a soft delete, so that old orders still
 * resolve their lines. Deleting a product deletes its SKUs; a new import of the same external id
 * brings the item back.
 */
@Injectable()
export class DeleteCatalogItem {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(kind: CatalogItemKind, externalId: string): Promise<{ deleted: number }> {
    return this.em.transactional(async (em) => {
      await lockCatalog(em);
      const item = await em.findOne(CatalogItem, { kind, externalId, deletedAt: null });
      if (!item) throw DomainError.notFound(`${kind === 'sku' ? 'SKU' : 'Product'} "${externalId}"`);
      const now = this.clock.now();
      item.deletedAt = now;
      let skus = 0;
      if (kind === 'product') {
        skus = await em.nativeUpdate(
          CatalogItem,
          { account: AccountContext.accountId(), kind: 'sku', productExternalId: externalId, deletedAt: null },
          { deletedAt: now },
        );
      }
      recordAudit(em, this.clock, {
        entityType: `market_${kind}`,
        entityId: item.id,
        action: 'delete',
        before: { external_id: externalId },
      });
      return { deleted: 1 + skus };
    });
  }
}
