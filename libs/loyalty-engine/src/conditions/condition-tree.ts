/**
 * A condition tree as it is stored and sent (spec rules.md §6): `{all: [...]}`, `{any: [...]}`,
 * `{not: {...}}` or a leaf `{field, op, value}`.
 */
export type ConditionNode = AllNode | AnyNode | NotNode | ConditionLeaf;

export interface AllNode {
  readonly all: readonly ConditionNode[];
}

export interface AnyNode {
  readonly any: readonly ConditionNode[];
}

export interface NotNode {
  readonly not: ConditionNode;
}

export interface ConditionLeaf {
  readonly field: string;
  readonly op: ConditionOp;
  readonly value: unknown;
}

export const CONDITION_OPS = ['eq', 'ne', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte', 'contains', 'exists'] as const;

export type ConditionOp = (typeof CONDITION_OPS)[number];

export function isConditionOp(value: unknown): value is ConditionOp {
  return (CONDITION_OPS as readonly unknown[]).includes(value);
}

/** Nesting levels a tree may have; the root is level 1. */
export const MAX_CONDITION_DEPTH = 10;

/** Nodes (groups, `not`s and leaves) a tree may have in total. */
export const MAX_CONDITION_NODES = 200;
