import { compileConditionTree } from './compile-condition-tree';
import { ConditionNode } from './condition-tree';
import { CustomFieldTypeLookup } from './custom-field-types';
import { OrderFacts } from './order-facts';
import { ORDER_SCOPE } from './order-scope';

export interface OrderConditionLookups {
  readonly customFieldType: CustomFieldTypeLookup;
}

export interface OrderConditionMatch {
  /** Whether the order satisfies the tree. */
  readonly matches: boolean;
  /** Indexes into `order.lines` of the lines the tree holds for, ascending; empty when it does not match. */
  readonly lineIndexes: readonly number[];
}

/** A checked checkout condition or order segment tree. */
export interface OrderCondition {
  /** The tree as it was checked, to store. */
  readonly tree: ConditionNode;
  /** Whether a leaf names a `line.*` field, so the tree picks lines. */
  readonly isLineCondition: boolean;
  evaluate(order: OrderFacts): OrderConditionMatch;
}

/**
 * Checks a checkout condition tree (fields of spec rules.md §6) and compiles it; errors are
 * `VALIDATION_FAILED` naming the node's path under `path`.
 *
 * Line conditions: a tree that names a `line.*` field is evaluated once per line, over the order's
 * facts plus that line. The lines that satisfy it are the matching lines, and the order matches
 * when at least one does (an order without lines never matches). So every operator keeps its plain
 * meaning per line: `{all: [goods_total gte 1000, line.category eq "shoes"]}` picks the shoe lines
 * of a large enough order, and `{not: {line.category eq "shoes"}}` picks the lines that are not
 * shoes; the order-level leaves simply give the same answer on every line. A tree without line
 * fields is evaluated once, and when it matches every line matches.
 */
export function compileOrderCondition(
  tree: unknown,
  lookups: OrderConditionLookups,
  path = 'conditions',
): OrderCondition {
  const { test, usesLineFields } = compileConditionTree(tree, ORDER_SCOPE, lookups.customFieldType, path);
  return {
    tree: tree as ConditionNode,
    isLineCondition: usesLineFields,
    evaluate(order) {
      const itemsCount = order.lines.reduce((sum, line) => sum + line.count, 0);
      if (!usesLineFields) {
        const matches = test({ order, itemsCount, line: undefined });
        return { matches, lineIndexes: matches ? order.lines.map((_, index) => index) : [] };
      }
      const lineIndexes: number[] = [];
      order.lines.forEach((line, index) => {
        if (test({ order, itemsCount, line })) {
          lineIndexes.push(index);
        }
      });
      return { matches: lineIndexes.length > 0, lineIndexes };
    },
  };
}
