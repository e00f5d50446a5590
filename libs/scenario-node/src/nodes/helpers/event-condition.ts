import { canonicalJson } from '@loyalty/platform';
import { compareExact, exactDecimal } from './exact-decimal';
import { CompareOp, satisfies } from './compare-op';
import type { ConditionLeaf, ConditionNode } from '@loyalty/loyalty-engine';

/** What `flow.condition` reads: leaf fields are dotted paths into this (`payload.order.total`). */
export interface EventFacts {
  event_id: string;
  event_name: string;
  payload: Record<string, unknown>;
}

/**
 * Evaluates a checked tree (see `conditionTreeProblems`) over an event. Numbers and decimal strings
 * compare exactly as decimals (`"100.00"` eq `100`); other values compare as JSON. A leaf whose field
 * is missing (or null) is false, except `exists: false`, `ne` and `not_in`, which are true: a missing
 * value is not equal to anything.
 */
export function evaluateEventCondition(tree: ConditionNode, facts: EventFacts): boolean {
  if ('all' in tree) return tree.all.every((child) => evaluateEventCondition(child, facts));
  if ('any' in tree) return tree.any.some((child) => evaluateEventCondition(child, facts));
  if ('not' in tree) return !evaluateEventCondition(tree.not, facts);
  return evaluateLeaf(tree, readField(facts, tree.field));
}

/** The value at a dotted path (`payload.items.0.sku` indexes arrays), or undefined. */
export function readField(facts: EventFacts, field: string): unknown {
  let value: unknown = facts;
  for (const key of field.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function evaluateLeaf(leaf: ConditionLeaf, actual: unknown): boolean {
  const missing = actual === undefined || actual === null;
  switch (leaf.op) {
    case 'exists':
      return leaf.value === !missing;
    case 'ne':
      return missing || !equalValues(actual, leaf.value);
    case 'not_in':
      return missing || !(leaf.value as unknown[]).some((item) => equalValues(actual, item));
    case 'eq':
      return !missing && equalValues(actual, leaf.value);
    case 'in':
      return !missing && (leaf.value as unknown[]).some((item) => equalValues(actual, item));
    case 'contains':
      return !missing && contains(actual, leaf.value);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return !missing && ordered(actual, leaf.value, leaf.op);
  }
}

function equalValues(actual: unknown, expected: unknown): boolean {
  const [left, right] = [exactDecimal(actual), exactDecimal(expected)];
  if (left && right) return compareExact(left, right) === 0;
  return canonicalJson(actual) === canonicalJson(expected);
}

function ordered(actual: unknown, expected: unknown, op: CompareOp): boolean {
  const [left, right] = [exactDecimal(actual), exactDecimal(expected)];
  return left !== null && right !== null && satisfies(compareExact(left, right), op);
}

/** A string holding a substring, or an array holding an equal element. */
function contains(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'string') return typeof expected === 'string' && actual.includes(expected);
  if (Array.isArray(actual)) return actual.some((item) => equalValues(item, expected));
  return false;
}
