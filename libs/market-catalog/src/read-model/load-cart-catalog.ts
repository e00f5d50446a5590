import type { EntityManager } from '@mikro-orm/postgresql';
import type { CatalogItemFacts } from '@loyalty/loyalty-engine';
import { AccountContext } from '@loyalty/platform';
import type { CatalogItemKind } from '../entities/catalog-item.entity';
import { CartCatalog } from './cart-catalog';
import type { CatalogStructures } from './catalog-structure';
import { StoredItemFields, storedItemFacts } from './item-facts';

interface CartItemsRow {
  catalog_version: string;
  items: StoredItemFields[];
}

/**
 * The lines' live products and SKUs plus the products of those SKUs, and the account's
 * `catalog_version`, in one statement. Items are looked up with `= any(array(...))`, which the
 * planner answers with index scans (`in (subquery)`, or an OR, made it scan the whole catalog).
 */
const CART_ITEMS = `
with wanted_products as (select jsonb_array_elements_text(?::jsonb) as external_id),
     wanted_skus as (select jsonb_array_elements_text(?::jsonb) as external_id),
     skus as (
       select * from market_items
       where account_id = ? and kind = 'sku' and deleted_at is null
         and external_id = any(array(select external_id from wanted_skus))),
     products as (
       select * from market_items
       where account_id = ? and kind = 'product' and deleted_at is null
         and external_id = any(array(select external_id from wanted_products
                                     union select product_external_id from skus)))
select
  (select catalog_version from accounts where id = ?)::text as catalog_version,
  (select coalesce(jsonb_agg(jsonb_build_object(
     'kind', i.kind, 'external_id', i.external_id, 'product_external_id', i.product_external_id, 'name', i.name,
     'categories', i.categories, 'tags', i.tags, 'price', i.price::text, 'old_price', i.old_price::text,
     'currency', i.currency, 'is_available', i.is_available, 'count', i.count,
     'manufacturer_name', i.manufacturer_name, 'custom_fields', i.custom_fields)), '[]'::jsonb)
   from (select * from products union all select * from skus) i) as items`;

/**
 * The catalog slice a cart needs, for the caller's account: its items in one round trip, and the
 * category tree, segments, custom field types and currencies from `structures` (a second round
 * trip only when the account's catalog changed since they were cached).
 */
export async function loadCartCatalog(
  em: EntityManager,
  lines: ReadonlyArray<{ product?: string | null; sku?: string | null }>,
  structures: CatalogStructures,
): Promise<CartCatalog> {
  const account = AccountContext.accountId();
  const products = [...new Set(lines.flatMap((line) => (line.product ? [line.product] : [])))];
  const skus = [...new Set(lines.flatMap((line) => (line.sku ? [line.sku] : [])))];
  const [row]: CartItemsRow[] = await em.execute(CART_ITEMS, [
    JSON.stringify(products),
    JSON.stringify(skus),
    account,
    account,
    account,
  ]);
  const structure = await structures.at(em, account, row.catalog_version);
  const { digits, customFieldType } = structure;
  const productItems = new Map<string, CatalogItemFacts>();
  const skuItems = new Map<string, CatalogItemFacts>();
  const byKind = (kind: CatalogItemKind) => row.items.filter((item) => item.kind === kind);
  for (const item of byKind('product'))
    productItems.set(item.external_id, storedItemFacts(item, null, digits, customFieldType));
  for (const item of byKind('sku')) {
    const product = productItems.get(item.product_external_id as string) ?? null;
    skuItems.set(item.external_id, storedItemFacts(item, product?.categories ?? null, digits, customFieldType));
  }
  return new CartCatalog(productItems, skuItems, structure.categories, structure.segments, customFieldType);
}
