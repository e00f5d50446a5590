import type { EntityManager } from '@mikro-orm/postgresql';
import {
  buildCategoryAncestry,
  CatalogItemFacts,
  compileProductCondition,
  CustomFieldTypeLookup,
  CustomFieldValueType,
} from '@loyalty/loyalty-engine';
import type { MinorDigits } from '@loyalty/kernel';
import { AccountContext } from '@loyalty/platform';
import type { CatalogItemKind } from '../entities/catalog-item.entity';
import type { SegmentEntity, SegmentKind } from '../entities/product-segment.entity';
import { CartCatalog, CartSegment } from './cart-catalog';
import { StoredItemFields, storedItemFacts } from './item-facts';

interface CartCatalogRow {
  items: StoredItemFields[];
  categories: Array<[string, string | null]>;
  segments: Array<{ id: string; entity: SegmentEntity; kind: SegmentKind; items: string[]; conditions: unknown }>;
  custom_fields: Array<[string, string, CustomFieldValueType]>;
  currencies: Array<[string, MinorDigits]>;
}

/**
 * Everything in one statement: the lines' live products and SKUs plus the products of those SKUs,
 * the category tree, the segments, the custom field types and the currencies. A cart costs one
 * round trip whatever its size. Items are looked up with `= any(array(...))`, which the planner
 * answers with index scans (`in (subquery)`, or an OR, made it scan the whole catalog).
 */
const CART_CATALOG = `
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
  (select coalesce(jsonb_agg(jsonb_build_object(
     'kind', i.kind, 'external_id', i.external_id, 'product_external_id', i.product_external_id, 'name', i.name,
     'categories', i.categories, 'tags', i.tags, 'price', i.price::text, 'old_price', i.old_price::text,
     'currency', i.currency, 'is_available', i.is_available, 'count', i.count,
     'manufacturer_name', i.manufacturer_name, 'custom_fields', i.custom_fields)), '[]'::jsonb)
   from (select * from products union all select * from skus) i) as items,
  (select coalesce(jsonb_agg(jsonb_build_array(c.external_id, c.parent_external_id)), '[]'::jsonb)
   from market_categories c where c.account_id = ?) as categories,
  (select coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'entity', s.entity, 'kind', s.kind, 'items', s.items,
     'conditions', s.conditions)), '[]'::jsonb)
   from market_product_segments s where s.account_id = ?) as segments,
  (select coalesce(jsonb_agg(jsonb_build_array(f.entity_type, f.external_id, f.value_type)), '[]'::jsonb)
   from market_custom_fields f where f.account_id = ?) as custom_fields,
  (select coalesce(jsonb_agg(jsonb_build_array(m.code, m.minor_digits)), '[]'::jsonb)
   from market_currencies m where m.account_id = ?) as currencies`;

/** The catalog slice a cart needs, for the caller's account. */
export async function loadCartCatalog(
  em: EntityManager,
  lines: ReadonlyArray<{ product?: string | null; sku?: string | null }>,
): Promise<CartCatalog> {
  const account = AccountContext.accountId();
  const products = [...new Set(lines.flatMap((line) => (line.product ? [line.product] : [])))];
  const skus = [...new Set(lines.flatMap((line) => (line.sku ? [line.sku] : [])))];
  const [row]: CartCatalogRow[] = await em.execute(CART_CATALOG, [
    JSON.stringify(products),
    JSON.stringify(skus),
    account,
    account,
    account,
    account,
    account,
    account,
  ]);
  const fieldTypes = new Map(row.custom_fields.map(([entity, id, type]) => [`${entity}:${id}`, type]));
  const customFieldType: CustomFieldTypeLookup = (entity, id) => fieldTypes.get(`${entity}:${id}`);
  const digits = new Map(row.currencies);
  const productItems = new Map<string, CatalogItemFacts>();
  const skuItems = new Map<string, CatalogItemFacts>();
  const byKind = (kind: CatalogItemKind) => row.items.filter((item) => item.kind === kind);
  for (const item of byKind('product'))
    productItems.set(item.external_id, storedItemFacts(item, null, digits, customFieldType));
  for (const item of byKind('sku')) {
    const product = productItems.get(item.product_external_id as string) ?? null;
    skuItems.set(item.external_id, storedItemFacts(item, product?.categories ?? null, digits, customFieldType));
  }
  const segments = new Map<number, CartSegment>(
    row.segments.map((segment) => [
      Number(segment.id),
      {
        id: Number(segment.id),
        entity: segment.entity,
        items: new Set(segment.items),
        condition:
          segment.kind === 'dynamic'
            ? compileProductCondition(segment.conditions, { itemEntity: segment.entity, customFieldType })
            : null,
      },
    ]),
  );
  const categories = buildCategoryAncestry(
    row.categories.map(([externalId, parentExternalId]) => ({ externalId, parentExternalId })),
  );
  return new CartCatalog(productItems, skuItems, categories, segments, customFieldType);
}
