import type { EntityManager } from '@mikro-orm/postgresql';
import {
  buildCategoryAncestry,
  CatalogItemFacts,
  CategoryAncestry,
  CustomFieldTypeLookup,
  CustomFieldValueType,
} from '@loyalty/loyalty-engine';
import { AccountContext } from '@loyalty/platform';
import { loadCategoryParents } from '../repositories/catalog-references-loader';
import type { CatalogItemKind } from '../entities/catalog-item.entity';
import { StoredItemFields, storedItemFacts } from '../read-model/item-facts';
import { loadCurrencyDigitMap } from '../repositories/currency-digits';

/** Custom field types of the account, as the condition engine asks for them. */
export async function loadCustomFieldTypes(em: EntityManager): Promise<CustomFieldTypeLookup> {
  // Plain SQL: other libraries (the loyalty configuration cache) call this without the catalog's entities.
  const fields: Array<{ entity_type: string; external_id: string; value_type: CustomFieldValueType }> =
    await em.execute('select entity_type, external_id, value_type from market_custom_fields where account_id = ?', [
      AccountContext.accountId(),
    ]);
  const types = new Map(fields.map((field) => [`${field.entity_type}:${field.external_id}`, field.value_type]));
  return (entity, id) => types.get(`${entity}:${id}`);
}

export async function loadCategoryAncestry(em: EntityManager): Promise<CategoryAncestry> {
  const parents = await loadCategoryParents(em);
  return buildCategoryAncestry(
    [...parents].map(([externalId, parentExternalId]) => ({ externalId, parentExternalId })),
  );
}

const PAGE = 5000;

/**
 * Every live item of one kind (or only those of `externalIds`) after `afterId`, as condition facts,
 * page by page in id order (a SKU without categories of its own is in its product's).
 */
export async function* catalogItemFacts(
  em: EntityManager,
  kind: CatalogItemKind,
  customFieldType: CustomFieldTypeLookup,
  options: { afterId?: number; externalIds?: readonly string[] } = {},
): AsyncGenerator<{ id: number; externalId: string; facts: CatalogItemFacts }> {
  const digits = await loadCurrencyDigitMap(em);
  const only = options.externalIds ? JSON.stringify(options.externalIds) : null;
  for (let after = options.afterId ?? 0; ; ) {
    const rows: Array<StoredItemFields & { id: string; product_categories: string[] | null }> = await em.execute(
      `select i.id, i.kind, i.external_id, i.product_external_id, i.name,
              i.categories, p.categories as product_categories,
              i.tags, i.price::text as price, i.old_price::text as old_price, i.currency, i.is_available, i.count,
              i.manufacturer_name, i.custom_fields
       from market_items i
       left join market_items p on p.account_id = i.account_id and p.kind = 'product' and p.external_id = i.product_external_id
       where i.account_id = ? and i.kind = ? and i.deleted_at is null and i.id > ?
         and (?::jsonb is null or i.external_id in (select jsonb_array_elements_text(?::jsonb)))
       order by i.id limit ?`,
      [AccountContext.accountId(), kind, after, only, only, PAGE],
    );
    for (const row of rows) {
      yield {
        id: Number(row.id),
        externalId: row.external_id,
        facts: storedItemFacts(row, row.product_categories, digits, customFieldType),
      };
    }
    if (rows.length < PAGE) return;
    after = Number(rows[rows.length - 1].id);
  }
}
