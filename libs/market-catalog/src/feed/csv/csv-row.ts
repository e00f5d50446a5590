import type { CatalogItemInput, CategoryInput } from '../../domain/catalog-item-input';
import type { FeedRecord } from '../feed-record';
import { FeedFormatError, RecordLocation } from '../feed-format-error';
import { readBoolean, readCount, readDecimalText, splitList } from '../feed-values';
import { nonEmpty, withDefined } from '../with-defined';
import { CsvColumn, CsvHeader, CUSTOM_FIELD_PREFIX } from './csv-header';

const CATEGORY_COLUMNS = new Set<CsvColumn>(['type', 'external_id', 'name', 'parent_external_id']);

/** One data row of a CSV feed as a category or an item; see FEEDS.md for the columns. */
export function csvRecord(header: CsvHeader, cells: string[], at: RecordLocation): FeedRecord {
  const row = new CsvRow(header, cells, at);
  const { position, line } = at;
  if (row.type() === 'category') {
    return { kind: 'category', position, line, category: row.category() };
  }
  return { kind: 'item', position, line, item: row.item() };
}

class CsvRow {
  constructor(
    private readonly header: CsvHeader,
    private readonly cells: string[],
    private readonly at: RecordLocation,
  ) {}

  type(): 'product' | 'sku' | 'category' {
    const type = this.cell('type');
    const product = this.cell('product_external_id');
    if (type === undefined) {
      return product === undefined ? 'product' : 'sku';
    }
    if (type !== 'product' && type !== 'sku' && type !== 'category') {
      throw this.problem('type', `type ${JSON.stringify(type)} is not product, sku or category`);
    }
    if (type === 'sku' && product === undefined) {
      throw this.problem('product_external_id', 'a sku row needs product_external_id');
    }
    if (type === 'product' && product !== undefined) {
      throw this.problem('product_external_id', 'a product row has no product_external_id (is it a sku?)');
    }
    return type;
  }

  category(): CategoryInput {
    for (const [column, index] of this.header.columns) {
      if (!CATEGORY_COLUMNS.has(column) && this.cells[index] !== '') {
        throw this.problem(column, `${column} does not apply to a category`);
      }
    }
    for (const [id, index] of this.header.customFields) {
      if (this.cells[index] !== '') {
        throw this.problem(CUSTOM_FIELD_PREFIX + id, 'custom fields do not apply to a category');
      }
    }
    return withDefined<CategoryInput>(
      { external_id: this.required('external_id'), name: this.required('name') },
      { parent_external_id: this.cell('parent_external_id') },
    );
  }

  item(): CatalogItemInput {
    if (this.cell('parent_external_id') !== undefined) {
      throw this.problem('parent_external_id', 'parent_external_id applies to categories only');
    }
    const available = this.cell('is_available');
    const count = this.cell('count');
    return withDefined<CatalogItemInput>(
      {
        external_id: this.required('external_id'),
        name: this.required('name'),
        is_available: available === undefined ? true : readBoolean(available, 'is_available', this.at),
      },
      {
        product_external_id: this.cell('product_external_id'),
        price: this.decimal('price'),
        old_price: this.decimal('old_price'),
        currency: this.cell('currency'),
        categories: this.list('categories'),
        tags: this.list('tags'),
        count: count === undefined ? undefined : readCount(count, 'count', this.at),
        url: this.cell('url'),
        description: this.cell('description'),
        manufacturer_name: this.cell('manufacturer_name'),
        barcode: this.cell('barcode'),
        pictures: this.list('pictures'),
        custom_fields: this.customFields(),
      },
    );
  }

  /** The cell of a column; an empty cell, like a missing column, is absent. */
  private cell(column: CsvColumn): string | undefined {
    const index = this.header.columns.get(column);
    const value = index === undefined ? undefined : this.cells[index];
    return value === '' ? undefined : value;
  }

  private required(column: CsvColumn): string {
    const value = this.cell(column);
    if (value === undefined) {
      throw this.problem(column, `${column} is missing`);
    }
    return value;
  }

  private decimal(column: CsvColumn): string | undefined {
    const value = this.cell(column);
    return value === undefined ? undefined : readDecimalText(value, column, this.at);
  }

  private list(column: CsvColumn): string[] | undefined {
    const value = this.cell(column);
    return value === undefined ? undefined : nonEmpty(splitList(value));
  }

  private customFields(): Record<string, string> | undefined {
    const fields = this.header.customFields.filter(([, index]) => this.cells[index] !== '');
    return fields.length === 0 ? undefined : Object.fromEntries(fields.map(([id, index]) => [id, this.cells[index]]));
  }

  private problem(column: string, problem: string): FeedFormatError {
    return FeedFormatError.at(this.at, column, problem);
  }
}
