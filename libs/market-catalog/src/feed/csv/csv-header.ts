import { FeedFormatError, FeedLocation } from '../feed-format-error';

export const CSV_COLUMNS = [
  'type',
  'external_id',
  'name',
  'parent_external_id',
  'product_external_id',
  'price',
  'old_price',
  'currency',
  'categories',
  'tags',
  'is_available',
  'count',
  'url',
  'description',
  'manufacturer_name',
  'barcode',
  'pictures',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

const KNOWN = new Set<string>(CSV_COLUMNS);
const REQUIRED: CsvColumn[] = ['external_id', 'name'];
export const CUSTOM_FIELD_PREFIX = 'cf:';

/** Where each documented column and each `cf:<custom field id>` column is in a row. */
export interface CsvHeader {
  columns: Map<CsvColumn, number>;
  customFields: Array<[id: string, index: number]>;
}

export function readCsvHeader(names: string[], at: FeedLocation): CsvHeader {
  const header: CsvHeader = { columns: new Map(), customFields: [] };
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (seen.has(name)) {
      throw FeedFormatError.at(at, name, `column ${JSON.stringify(name)} appears twice`);
    }
    seen.add(name);
    if (name.startsWith(CUSTOM_FIELD_PREFIX)) {
      const id = name.slice(CUSTOM_FIELD_PREFIX.length);
      if (id === '') {
        throw FeedFormatError.at(at, name, `column ${JSON.stringify(name)} names no custom field`);
      }
      header.customFields.push([id, index]);
    } else if (isKnown(name)) {
      header.columns.set(name, index);
    } else {
      throw FeedFormatError.at(at, name, `unknown column ${JSON.stringify(name)}`);
    }
  });
  for (const column of REQUIRED) {
    if (!header.columns.has(column)) {
      throw FeedFormatError.at(at, column, `the required column "${column}" is missing`);
    }
  }
  return header;
}

function isKnown(name: string): name is CsvColumn {
  return KNOWN.has(name);
}
