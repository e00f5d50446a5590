import { CatalogItemEntity, CatalogItemFacts } from './catalog-item-facts';
import { CategoryAncestry } from './category-ancestry';
import { compileConditionTree } from './compile-condition-tree';
import { ConditionNode } from './condition-tree';
import { CustomFieldTypeLookup } from './custom-field-types';
import { PRODUCT_SCOPES } from './product-scope';

export interface ProductConditionLookups {
  /** The segment's `entity`: `custom_fields.<id>` names a custom field of this entity. */
  readonly itemEntity: CatalogItemEntity;
  readonly customFieldType: CustomFieldTypeLookup;
}

/** A checked product-segment tree, ready to test many catalog items. */
export interface ProductCondition {
  /** The tree as it was checked, to store. */
  readonly tree: ConditionNode;
  /** Whether the item is in the segment; `categories` is built once for the whole catalog. */
  matches(item: CatalogItemFacts, categories: CategoryAncestry): boolean;
}

/**
 * Checks a dynamic product segment's `conditions` (fields `product`, `sku`, `name`, `category`,
 * `tags`, `price`, `old_price`, `is_available`, `count`, `manufacturer_name`, `custom_fields.<id>`)
 * and compiles them; errors are `VALIDATION_FAILED` naming the node's path under `path`.
 */
export function compileProductCondition(
  tree: unknown,
  lookups: ProductConditionLookups,
  path = 'conditions',
): ProductCondition {
  const { test } = compileConditionTree(tree, PRODUCT_SCOPES[lookups.itemEntity], lookups.customFieldType, path);
  return {
    tree: tree as ConditionNode,
    matches: (item, categories) => test({ item, categories }),
  };
}
