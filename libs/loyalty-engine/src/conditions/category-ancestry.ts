import { Membership } from './membership';

/**
 * A catalog's category tree, flattened once so that "in category X or any sub-category of it"
 * costs a set lookup per direct category of an item.
 */
export interface CategoryAncestry {
  /** The category and all its ancestors, or `undefined` for a category the catalog does not have. */
  ancestorsOf(categoryId: string): ReadonlySet<string> | undefined;
}

export interface CategoryLink {
  readonly externalId: string;
  readonly parentExternalId: string | null;
}

/**
 * Flattens parent links. A parent the list does not contain ends the chain (it still counts as an
 * ancestor); a cycle, which the catalog should never hold, ends where it closes.
 */
export function buildCategoryAncestry(categories: Iterable<CategoryLink>): CategoryAncestry {
  const parentOf = new Map<string, string | null>();
  for (const category of categories) {
    parentOf.set(category.externalId, category.parentExternalId);
  }
  const ancestors = new Map<string, ReadonlySet<string>>();
  for (const categoryId of parentOf.keys()) {
    const chain = new Set<string>();
    for (let id: string | null | undefined = categoryId; id != null && !chain.has(id); id = parentOf.get(id)) {
      const known = ancestors.get(id);
      if (known !== undefined) {
        known.forEach((ancestor) => chain.add(ancestor));
        break;
      }
      chain.add(id);
    }
    ancestors.set(categoryId, chain);
  }
  return { ancestorsOf: (categoryId) => ancestors.get(categoryId) };
}

/**
 * Closures already built, per ancestry and per list of direct categories (a line's or an item's
 * own array): a cart's condition leaves ask the same line about its categories once per promotion,
 * so each line's closure is built once and every question is one set lookup. Weak keys: nothing
 * outlives the cart or the catalog structure it came from.
 */
const closures = new WeakMap<CategoryAncestry, WeakMap<readonly string[], Membership<string>>>();

/**
 * What an item or a line in `directCategories` belongs to: those categories and their ancestors;
 * `undefined` (absent) when it has no category. A category the ancestry does not know is only itself.
 */
export function categoryMembership(
  directCategories: readonly string[],
  ancestry: CategoryAncestry,
): Membership<string> | undefined {
  if (directCategories.length === 0) {
    return undefined;
  }
  let byCategories = closures.get(ancestry);
  if (byCategories === undefined) {
    byCategories = new WeakMap();
    closures.set(ancestry, byCategories);
  }
  let membership = byCategories.get(directCategories);
  if (membership === undefined) {
    const closure = new Set<string>();
    for (const direct of directCategories) {
      const ancestors = ancestry.ancestorsOf(direct);
      if (ancestors === undefined) closure.add(direct);
      else ancestors.forEach((ancestor) => closure.add(ancestor));
    }
    membership = closure;
    byCategories.set(directCategories, membership);
  }
  return membership;
}
