import { DomainError } from '@loyalty/kernel';
import { ProductSet } from '../pricing-types';
import { isAbsent, readObject } from './raw-fields';

/** A product set as the API sends and returns it. */
export type ProductSetView = {
  products: string[];
  skus: string[];
  categories: string[];
  segments: number[];
};

const EXTERNAL_ID = /^[\x21-\x7E]{1,255}$/;

/**
 * Checks a product set (spec api.md §6): lists of product, SKU and category external ids and of
 * product segment ids, each optional, at least one of them non-empty. Whether the ids exist is the
 * caller's check (it has the catalog).
 */
export function parseProductSet(raw: unknown, path = 'products'): ProductSet {
  const set = readObject(raw, path, ['products', 'skus', 'categories', 'segments']);
  const products = readList(set['products'], `${path}.products`, readExternalId);
  const skus = readList(set['skus'], `${path}.skus`, readExternalId);
  const categories = readList(set['categories'], `${path}.categories`, readExternalId);
  const segments = readList(set['segments'], `${path}.segments`, readSegmentId);
  if (products.length + skus.length + categories.length + segments.length === 0) {
    throw DomainError.invalid(path, 'must name at least one product, SKU, category or segment');
  }
  return { products, skus, categories, segments };
}

function readList<T>(raw: unknown, path: string, readItem: (item: unknown, itemPath: string) => T): T[] {
  if (isAbsent(raw)) {
    return [];
  }
  if (!Array.isArray(raw)) {
    throw DomainError.invalid(path, 'must be an array');
  }
  return raw.map((item, index) => readItem(item, `${path}[${index}]`));
}

function readExternalId(item: unknown, path: string): string {
  if (typeof item !== 'string' || !EXTERNAL_ID.test(item)) {
    throw DomainError.invalid(path, 'must be 1-255 printable ASCII characters without spaces');
  }
  return item;
}

function readSegmentId(item: unknown, path: string): number {
  if (typeof item !== 'number' || !Number.isSafeInteger(item) || item <= 0) {
    throw DomainError.invalid(path, 'must be a positive integer segment id');
  }
  return item;
}

export function productSetView(set: ProductSet): ProductSetView {
  return {
    products: [...set.products],
    skus: [...set.skus],
    categories: [...set.categories],
    segments: [...set.segments],
  };
}
