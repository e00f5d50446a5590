import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, FieldIssue } from '@loyalty/kernel';
import { AccountContext } from '@loyalty/platform';
import type { CatalogItemInput } from '../domain/catalog-item-input';
import type { CatalogReferences } from '../domain/catalog-references';
import { CatalogRow, toCatalogRow } from '../domain/catalog-row';
import { LabelledCategory, mergeCategories } from '../domain/category-tree';
import { customFieldsFromText } from '../domain/custom-field-values';
import { loadCatalogReferences, loadCategoryParents } from './catalog-references-loader';
import { lockCatalog } from './catalog-lock';

/** An item to import and the path its errors are reported under (`data[3]`, `offer 17 (line 40)`). */
export interface LabelledItem {
  input: CatalogItemInput;
  path: string;
}

export interface ImportCounts {
  categories: number;
  products: number;
  skus: number;
}

const MAX_REPORTED_ITEM_ERRORS = 100;

const UPSERT_ITEMS = `
insert into market_items (account_id, kind, external_id, product_external_id, name, price, old_price, currency, tags,
  manufacturer_name, description, url, pictures, categories, count, is_available, barcode, custom_fields, regional_data,
  deleted_at, created_at, updated_at)
select ?, r.kind, r.external_id, r.product_external_id, r.name, r.price, r.old_price, r.currency, r.tags,
  r.manufacturer_name, r.description, r.url, r.pictures, r.categories, r.count, r.is_available, r.barcode, r.custom_fields,
  r.regional_data, null, ?, ?
from jsonb_to_recordset(?::jsonb) as r(kind text, external_id text, product_external_id text, name text, price bigint,
  old_price bigint, currency text, tags jsonb, manufacturer_name text, description text, url text, pictures jsonb,
  categories jsonb, count int, is_available boolean, barcode text, custom_fields jsonb, regional_data jsonb)
on conflict (account_id, kind, external_id) do update set
  product_external_id = excluded.product_external_id, name = excluded.name, price = excluded.price,
  old_price = excluded.old_price, currency = excluded.currency, tags = excluded.tags,
  manufacturer_name = excluded.manufacturer_name, description = excluded.description, url = excluded.url,
  pictures = excluded.pictures, categories = excluded.categories, count = excluded.count,
  is_available = excluded.is_available, barcode = excluded.barcode, custom_fields = excluded.custom_fields,
  regional_data = excluded.regional_data, deleted_at = null, updated_at = excluded.updated_at`;

const UPSERT_CATEGORIES = `
insert into market_categories (account_id, external_id, name, parent_external_id, created_at, updated_at)
select ?, r.external_id, r.name, r.parent_external_id, ?, ?
from jsonb_to_recordset(?::jsonb) as r(external_id text, name text, parent_external_id text)
on conflict (account_id, external_id) do update set
  name = excluded.name, parent_external_id = excluded.parent_external_id, updated_at = excluded.updated_at`;

/**
 * One all-or-nothing import of categories, products and SKUs inside the caller's transaction:
 * the JSON import runs one batch, a feed many. Every item is validated against the account's
 * references; a batch with invalid items fails with every item's error in `details.items`.
 * A SKU's product and an item's categories must exist already or come earlier in the import.
 */
export class CatalogImportSession {
  private readonly seen = { product: new Set<string>(), sku: new Set<string>() };
  private readonly knownProducts = new Set<string>();
  private categoriesImported = 0;

  private constructor(
    private readonly em: EntityManager,
    private readonly now: Date,
    private readonly references: CatalogReferences,
    private categories: Map<string, string | null>,
    private readonly customFieldsAsText: boolean,
  ) {}

  static async open(
    em: EntityManager,
    now: Date,
    options: { lockWaitMs?: number; customFieldsAsText?: boolean } = {},
  ): Promise<CatalogImportSession> {
    await lockCatalog(em, { waitMs: options.lockWaitMs });
    const references = await loadCatalogReferences(em);
    const categories = await loadCategoryParents(em);
    return new CatalogImportSession(em, now, references, categories, options.customFieldsAsText ?? false);
  }

  async addCategories(inputs: readonly LabelledCategory[]): Promise<void> {
    if (inputs.length === 0) return;
    this.categories = mergeCategories(this.categories, inputs);
    const rows = inputs.map(({ category }) => ({
      external_id: category.external_id,
      name: category.name,
      parent_external_id: category.parent_external_id || null,
    }));
    await this.em.execute(UPSERT_CATEGORIES, [AccountContext.accountId(), this.now, this.now, JSON.stringify(rows)]);
    this.categoriesImported += inputs.length;
  }

  async addItems(items: readonly LabelledItem[]): Promise<void> {
    const valid: Array<{ row: CatalogRow; path: string }> = [];
    const failures: Array<{ path: string; error: DomainError }> = [];
    for (const item of items) {
      try {
        valid.push({ row: this.validate(item), path: item.path });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        failures.push({ path: item.path, error });
      }
    }
    failures.push(...(await this.skusWithoutProduct(valid)));
    if (failures.length > 0) throw itemFailures(failures);
    if (valid.length === 0) return;
    const rows = valid.map(({ row }) => row);
    await this.em.execute(UPSERT_ITEMS, [AccountContext.accountId(), this.now, this.now, JSON.stringify(rows)]);
  }

  counts(): ImportCounts {
    return { categories: this.categoriesImported, products: this.seen.product.size, skus: this.seen.sku.size };
  }

  private validate(item: LabelledItem): CatalogRow {
    const input = this.customFieldsAsText ? this.readTextCustomFields(item.input) : item.input;
    const row = toCatalogRow(input, this.references, item.path);
    row.categories.forEach((category, index) => {
      if (!this.categories.has(category)) {
        const field = `${item.path}.categories[${index}]`;
        throw DomainError.unknownReference(field, `no category "${category}"`, 'unknown category');
      }
    });
    const seen = this.seen[row.kind];
    if (seen.has(row.external_id)) {
      throw DomainError.invalid(`${item.path}.external_id`, `${row.kind} "${row.external_id}" is sent twice`);
    }
    seen.add(row.external_id);
    if (row.kind === 'product') this.knownProducts.add(row.external_id);
    return row;
  }

  private readTextCustomFields(input: CatalogItemInput): CatalogItemInput {
    const isSku = input.product_external_id != null;
    const definitions = isSku ? this.references.skuFields : this.references.productFields;
    return { ...input, custom_fields: customFieldsFromText(input.custom_fields, definitions) };
  }

  /** SKUs whose product is neither in this import (so far) nor stored and live. */
  private async skusWithoutProduct(valid: Array<{ row: CatalogRow; path: string }>) {
    const orphan = (row: CatalogRow) =>
      row.kind === 'sku' && !this.knownProducts.has(row.product_external_id as string);
    const wanted = [...new Set(valid.filter(({ row }) => orphan(row)).map(({ row }) => row.product_external_id))];
    if (wanted.length === 0) return [];
    const stored: Array<{ external_id: string }> = await this.em.execute(
      `select external_id from market_items
       where account_id = ? and kind = 'product' and deleted_at is null and external_id in (select jsonb_array_elements_text(?::jsonb))`,
      [AccountContext.accountId(), JSON.stringify(wanted)],
    );
    stored.forEach((row) => this.knownProducts.add(row.external_id));
    return valid
      .filter(({ row }) => orphan(row))
      .map(({ row, path }) => {
        const field = `${path}.product_external_id`;
        return {
          path,
          error: DomainError.unknownReference(field, `no product "${row.product_external_id}"`, 'unknown product'),
        };
      });
  }
}

/** One error for a batch: the first item's code and text, every item's fields (up to 100 items). */
function itemFailures(failures: Array<{ path: string; error: DomainError }>): DomainError {
  const reported = failures.slice(0, MAX_REPORTED_ITEM_ERRORS);
  const fields: FieldIssue[] = reported.flatMap(
    ({ error, path }) => error.details.fields ?? [{ path, message: error.message }],
  );
  const first = failures[0].error;
  const more = failures.length > 1 ? ` (and ${failures.length - 1} more item errors)` : '';
  return new DomainError(first.code, `${first.message}${more}`, {
    fields,
    items: reported.map(({ path, error }) => ({ path, error_code: error.code, message: error.message })),
    failed_items: failures.length,
  });
}
