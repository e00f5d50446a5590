import { CatalogItemFacts, customFieldFacts, CustomFieldTypeLookup } from '@loyalty/loyalty-engine';
import type { MinorDigits } from '@loyalty/kernel';
import type { CatalogItemKind } from '../entities/catalog-item.entity';

/** A stored product or SKU as the read queries select it (money as integer text). */
export interface StoredItemFields {
  kind: CatalogItemKind;
  external_id: string;
  product_external_id: string | null;
  name: string;
  categories: string[];
  tags: string[];
  price: string | null;
  old_price: string | null;
  currency: string | null;
  is_available: boolean;
  count: number | null;
  manufacturer_name: string | null;
  custom_fields: Record<string, unknown>;
}

/**
 * The condition facts of a stored item. A SKU without categories of its own is in its product's
 * (`productCategories`).
 */
export function storedItemFacts(
  item: StoredItemFields,
  productCategories: readonly string[] | null,
  digits: ReadonlyMap<string, MinorDigits>,
  customFieldType: CustomFieldTypeLookup,
): CatalogItemFacts {
  const isSku = item.kind === 'sku';
  return {
    product: isSku ? (item.product_external_id as string) : item.external_id,
    sku: isSku ? item.external_id : null,
    name: item.name,
    categories: isSku && item.categories.length === 0 && productCategories ? productCategories : item.categories,
    tags: item.tags,
    price: item.price === null ? null : BigInt(item.price),
    oldPrice: item.old_price === null ? null : BigInt(item.old_price),
    minorDigits: (item.currency === null ? undefined : digits.get(item.currency)) ?? 2,
    isAvailable: item.is_available,
    count: item.count,
    manufacturerName: item.manufacturer_name,
    customFields: customFieldFacts(item.custom_fields, (id) => customFieldType(item.kind, id)),
  };
}
