import { MinorDigits } from '@loyalty/kernel';
import { CustomFieldFacts } from './custom-field-types';

/** Which kind of catalog item a product segment holds (its `entity`). */
export type CatalogItemEntity = 'product' | 'sku';

/** What product-scope conditions read about one catalog item (a product or a SKU). */
export interface CatalogItemFacts {
  /** The product's external id (a SKU's own product). */
  readonly product: string;
  /** The SKU's external id; `null` for a product. */
  readonly sku: string | null;
  readonly name: string;
  /** External ids of the categories the item is directly in. */
  readonly categories: readonly string[];
  readonly tags: readonly string[];
  /** Minor units of the item's currency. */
  readonly price: bigint | null;
  readonly oldPrice: bigint | null;
  readonly minorDigits: MinorDigits;
  readonly isAvailable: boolean;
  readonly count: number | null;
  readonly manufacturerName: string | null;
  readonly customFields: CustomFieldFacts;
}
