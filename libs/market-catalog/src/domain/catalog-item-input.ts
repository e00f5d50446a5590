/**
 * One product or SKU as `market/products/import` and the feeds deliver it, before validation.
 * Money is decimal text; custom field values are JSON values checked against their definitions.
 */
export interface CatalogItemInput {
  external_id: string;
  name: string;
  /** Present for SKUs: the product the SKU belongs to. */
  product_external_id?: string;
  price?: string | null;
  old_price?: string | null;
  currency?: string | null;
  tags?: string[];
  manufacturer_name?: string | null;
  description?: string | null;
  url?: string | null;
  pictures?: string[];
  /** Category external ids. */
  categories?: string[];
  count?: number | null;
  is_available?: boolean;
  barcode?: string | null;
  custom_fields?: Record<string, unknown>;
  regional_data?: RegionalDataInput[];
}

export interface RegionalDataInput {
  external_id: string;
  price?: string | null;
  old_price?: string | null;
  currency?: string | null;
  count?: number | null;
  is_available?: boolean;
}

export interface CategoryInput {
  external_id: string;
  name: string;
  parent_external_id?: string | null;
}
