import type { CatalogItemInput, CategoryInput } from '../domain/catalog-item-input';

/** What a feed reader reads from: a Node Readable or any async iterable of chunks. */
export type FeedSource = AsyncIterable<FeedChunk>;

export type FeedChunk = Buffer | Uint8Array | string;

/**
 * One record of a feed. `position` counts offers (YML) or data rows (CSV) from 1 — YML
 * categories have their own count — and `line` is the line of the source it starts on, so the
 * caller can name the record when its own validation fails.
 */
export type FeedRecord = FeedCategoryRecord | FeedItemRecord;

export interface FeedCategoryRecord {
  kind: 'category';
  position: number;
  line: number;
  category: CategoryInput;
}

export interface FeedItemRecord {
  kind: 'item';
  position: number;
  line: number;
  item: CatalogItemInput;
}
