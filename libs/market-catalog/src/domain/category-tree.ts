import { DomainError } from '@loyalty/kernel';
import type { CategoryInput } from './catalog-item-input';
import { EXTERNAL_ID } from './catalog-row';

/** A category to import and the path its errors are reported under (`categories[2]`, `category 7 (line 9)`). */
export interface LabelledCategory {
  category: CategoryInput;
  path: string;
}

/** Category external id → parent external id (null at a root). */
export type CategoryParents = Map<string, string | null>;

/**
 * The account's categories with `incoming` upserted into them. A parent must exist after the
 * merge (error 18) and the tree must stay a tree: a cycle is error 1 naming the category.
 */
export function mergeCategories(
  existing: ReadonlyMap<string, string | null>,
  incoming: readonly LabelledCategory[],
): CategoryParents {
  const merged: CategoryParents = new Map(existing);
  const seen = new Set<string>();
  incoming.forEach(({ category, path: at }) => {
    if (typeof category.external_id !== 'string' || !EXTERNAL_ID.test(category.external_id)) {
      throw DomainError.invalid(`${at}.external_id`, 'must be 1-255 printable ASCII characters without spaces');
    }
    if (typeof category.name !== 'string' || category.name.length === 0) {
      throw DomainError.invalid(`${at}.name`, 'is required');
    }
    if (seen.has(category.external_id)) throw DomainError.invalid(`${at}.external_id`, 'is sent twice');
    seen.add(category.external_id);
    merged.set(category.external_id, category.parent_external_id || null);
  });
  incoming.forEach(({ category, path }) => {
    const parent = category.parent_external_id;
    if (parent && !merged.has(parent)) {
      const field = `${path}.parent_external_id`;
      throw DomainError.unknownReference(field, `no category "${parent}"`, 'unknown category');
    }
  });
  incoming.forEach(({ category, path }) => {
    if (ancestorsOf(category.external_id, merged) === null) {
      throw DomainError.invalid(
        `${path}.parent_external_id`,
        `makes a cycle: "${category.external_id}" would be its own ancestor`,
      );
    }
  });
  return merged;
}

/** The category and its ancestors, nearest first; null when the parent links loop. */
export function ancestorsOf(externalId: string, parents: ReadonlyMap<string, string | null>): string[] | null {
  const chain: string[] = [];
  const visited = new Set<string>();
  for (let current: string | null | undefined = externalId; current; current = parents.get(current)) {
    if (visited.has(current)) return null;
    visited.add(current);
    chain.push(current);
  }
  return chain;
}
