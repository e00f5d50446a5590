import { compileOrderCondition, OrderCondition, OrderConditionLookups } from './order-condition';
import { compileProductCondition, ProductCondition, ProductConditionLookups } from './product-condition';

/** `product`: dynamic product segments over catalog items; `order`: checkout conditions and order segments. */
export type ConditionScopeName = 'product' | 'order';

/**
 * Checks a tree when it is saved and returns it compiled for evaluation; throws
 * `DomainError.invalid(<path of the offending node>, ...)` (VALIDATION_FAILED).
 */
export function validateConditionTree(
  tree: unknown,
  scope: 'product',
  lookups: ProductConditionLookups,
  path?: string,
): ProductCondition;
export function validateConditionTree(
  tree: unknown,
  scope: 'order',
  lookups: OrderConditionLookups,
  path?: string,
): OrderCondition;
export function validateConditionTree(
  tree: unknown,
  scope: ConditionScopeName,
  lookups: ProductConditionLookups | OrderConditionLookups,
  path = 'conditions',
): ProductCondition | OrderCondition {
  return scope === 'product'
    ? compileProductCondition(tree, lookups as ProductConditionLookups, path)
    : compileOrderCondition(tree, lookups, path);
}
