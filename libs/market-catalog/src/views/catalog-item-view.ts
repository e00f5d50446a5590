import { formatRfc3339, MinorDigits, Money } from '@loyalty/kernel';
import type { CatalogItem } from '../entities/catalog-item.entity';

/** Currency code → minor digits, to write stored money back as text. */
export type DigitsOf = (currency: string | null) => MinorDigits;

function money(minor: bigint | string | null, currency: string | null, digitsOf: DigitsOf): string | null {
  return minor === null ? null : Money.format(BigInt(minor), digitsOf(currency));
}

/** A product or SKU as `get` and `list` answer it: the import's fields plus id and times. */
export function catalogItemView(item: CatalogItem, digitsOf: DigitsOf) {
  return {
    id: item.id,
    external_id: item.externalId,
    ...(item.kind === 'sku' ? { product_external_id: item.productExternalId } : {}),
    name: item.name,
    price: money(item.price, item.currency, digitsOf),
    old_price: money(item.oldPrice, item.currency, digitsOf),
    currency: item.currency,
    tags: item.tags,
    manufacturer_name: item.manufacturerName,
    description: item.description,
    url: item.url,
    pictures: item.pictures,
    categories: item.categories,
    count: item.count,
    is_available: item.isAvailable,
    barcode: item.barcode,
    custom_fields: item.customFields,
    regional_data: item.regionalData.map((entry) => ({
      external_id: entry.region,
      price: money(entry.price, entry.currency ?? item.currency, digitsOf),
      old_price: money(entry.old_price, entry.currency ?? item.currency, digitsOf),
      currency: entry.currency,
      count: entry.count,
      is_available: entry.is_available,
    })),
    is_deleted: item.deletedAt !== null,
    created_at: formatRfc3339(item.createdAt),
    updated_at: formatRfc3339(item.updatedAt),
  };
}
export type CatalogItemView = ReturnType<typeof catalogItemView>;
