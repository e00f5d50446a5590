import { DomainError, MinorDigits, Money } from '@loyalty/kernel';
import type { CatalogItemInput, RegionalDataInput } from './catalog-item-input';
import type { CatalogReferences } from './catalog-references';
import { resolveCustomFields } from './custom-field-values';

/** A product or SKU ready to be upserted; money as minor-unit integer text (bigint in SQL). */
export interface CatalogRow {
  kind: 'product' | 'sku';
  external_id: string;
  product_external_id: string | null;
  name: string;
  price: string | null;
  old_price: string | null;
  currency: string | null;
  tags: string[];
  manufacturer_name: string | null;
  description: string | null;
  url: string | null;
  pictures: string[];
  categories: string[];
  count: number | null;
  is_available: boolean;
  barcode: string | null;
  custom_fields: Record<string, unknown>;
  regional_data: Array<{
    region: string;
    price: string | null;
    old_price: string | null;
    currency: string | null;
    count: number | null;
    is_available: boolean;
  }>;
}

export const EXTERNAL_ID = /^[\x21-\x7E]{1,255}$/;
export const MAX_DESCRIPTION_LENGTH = 1000;
export const MAX_STOCK_COUNT = 2_147_483_647;

function text(value: unknown, path: string, options: { max?: number; required?: boolean } = {}): string | null {
  if (value === undefined || value === null || value === '') {
    if (options.required) throw DomainError.invalid(path, 'is required');
    return null;
  }
  if (typeof value !== 'string') throw DomainError.invalid(path, 'must be a string');
  if (options.max !== undefined && value.length > options.max) {
    throw DomainError.invalid(path, `must be at most ${options.max} characters`);
  }
  return value;
}

function externalId(value: unknown, path: string): string {
  if (typeof value !== 'string' || !EXTERNAL_ID.test(value)) {
    throw DomainError.invalid(path, 'must be 1-255 printable ASCII characters without spaces');
  }
  return value;
}

function strings(value: unknown, path: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw DomainError.invalid(path, 'must be an array of strings');
  }
  return value as string[];
}

function stock(value: unknown, path: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_STOCK_COUNT) {
    throw DomainError.invalid(path, 'must be a whole number ≥ 0');
  }
  return value;
}

function flag(value: unknown, path: string): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'boolean') throw DomainError.invalid(path, 'must be true or false');
  return value;
}

/** The currency money fields are in: the item's own, or the account's only one. */
function currencyOf(
  code: unknown,
  needed: boolean,
  refs: CatalogReferences,
  path: string,
): { code: string | null; digits: MinorDigits } {
  if (code === undefined || code === null || code === '') {
    if (!needed) return { code: null, digits: 2 };
    if (refs.currencies.size === 1) {
      const [only] = refs.currencies.entries();
      return { code: only[0], digits: only[1] };
    }
    throw DomainError.invalid(path, 'is required with a price when the account has several currencies');
  }
  if (typeof code !== 'string') throw DomainError.invalid(path, 'must be a currency code');
  const digits = refs.currencies.get(code);
  if (digits === undefined) {
    throw DomainError.unknownReference(
      path,
      `currency "${code}" is not one of the account's currencies`,
      'unknown currency',
    );
  }
  return { code, digits };
}

function money(value: unknown, digits: MinorDigits, path: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' && typeof value !== 'number')
    throw DomainError.invalid(path, 'must be a decimal string');
  const minor = Money.parse(String(value), digits, path);
  if (minor < 0n) throw DomainError.invalid(path, 'must not be negative');
  return minor.toString();
}

function regional(
  input: RegionalDataInput,
  refs: CatalogReferences,
  path: string,
  itemCurrency: string | null,
): CatalogRow['regional_data'][number] {
  const region = externalId(input.external_id, `${path}.external_id`);
  if (!refs.regions.has(region)) {
    throw DomainError.unknownReference(`${path}.external_id`, `no region "${region}"`, 'unknown region');
  }
  const hasMoney = input.price != null || input.old_price != null;
  const currency = currencyOf(input.currency ?? itemCurrency, hasMoney, refs, `${path}.currency`);
  return {
    region,
    price: money(input.price, currency.digits, `${path}.price`),
    old_price: money(input.old_price, currency.digits, `${path}.old_price`),
    currency: currency.code,
    count: stock(input.count, `${path}.count`),
    is_available: flag(input.is_available, `${path}.is_available`),
  };
}

/**
 * Validates one imported product or SKU against the account's references and returns the row to
 * store. Category and product references are checked by the caller, which sees the whole import.
 * Errors name their field under `path` (`data[3].price`).
 */
export function toCatalogRow(input: CatalogItemInput, refs: CatalogReferences, path: string): CatalogRow {
  if (typeof input !== 'object' || input === null) throw DomainError.invalid(path, 'must be an object');
  const isSku = input.product_external_id !== undefined && input.product_external_id !== null;
  const hasMoney = input.price != null || input.old_price != null;
  const currency = currencyOf(input.currency, hasMoney, refs, `${path}.currency`);
  const regionalData = input.regional_data ?? [];
  if (!Array.isArray(regionalData)) throw DomainError.invalid(`${path}.regional_data`, 'must be an array');
  return {
    kind: isSku ? 'sku' : 'product',
    external_id: externalId(input.external_id, `${path}.external_id`),
    product_external_id: isSku ? externalId(input.product_external_id, `${path}.product_external_id`) : null,
    name: text(input.name, `${path}.name`, { required: true, max: 1000 }) as string,
    price: money(input.price, currency.digits, `${path}.price`),
    old_price: money(input.old_price, currency.digits, `${path}.old_price`),
    currency: currency.code,
    tags: strings(input.tags, `${path}.tags`),
    manufacturer_name: text(input.manufacturer_name, `${path}.manufacturer_name`, { max: 1000 }),
    description: text(input.description, `${path}.description`, { max: MAX_DESCRIPTION_LENGTH }),
    url: text(input.url, `${path}.url`, { max: 2000 }),
    pictures: strings(input.pictures, `${path}.pictures`),
    categories: strings(input.categories, `${path}.categories`),
    count: stock(input.count, `${path}.count`),
    is_available: flag(input.is_available, `${path}.is_available`),
    barcode: text(input.barcode, `${path}.barcode`, { max: 255 }),
    custom_fields: resolveCustomFields(
      input.custom_fields,
      isSku ? refs.skuFields : refs.productFields,
      `${path}.custom_fields`,
    ),
    regional_data: regionalData.map((entry, index) =>
      regional(entry, refs, `${path}.regional_data[${index}]`, currency.code),
    ),
  };
}
