import { DomainError } from '@loyalty/kernel';
import { ConditionOp } from './condition-tree';
import { LeafOperand } from './leaf-operand';

/** A compiled leaf's test of a field's value; `undefined` is an absent value. */
export type ValueTest<V> = (actual: V | undefined) => boolean;

/** How leaves on fields holding values of type `V` are checked and compiled. */
export interface ValueKind<V> {
  /** Ops a leaf on a field of this kind may use. */
  readonly ops: readonly ConditionOp[];
  /** Checks the leaf's value (errors name `path`) and returns the test it stands for. */
  compile(op: ConditionOp, value: unknown, path: string): ValueTest<V>;
}

/** Every operand but `exists`, which `leafTest` answers from presence alone. */
export type ComparingOperand<T> = Exclude<LeafOperand<T>, { readonly op: 'exists' }>;

/**
 * The test of a leaf. An absent value (no SKU, no price, an unset custom field, an empty list)
 * satisfies `ne`, `not_in` and `exists: false` and nothing else, so `ne` is always the negation of
 * `eq` and `not_in` of `in`.
 */
export function leafTest<T, V>(
  operand: LeafOperand<T>,
  isPresent: (actual: V | undefined) => actual is V,
  compare: (operand: ComparingOperand<T>) => (actual: V) => boolean,
): ValueTest<V> {
  if (operand.op === 'exists') {
    const wanted = operand.present;
    return (actual) => isPresent(actual) === wanted;
  }
  const test = compare(operand);
  const whenAbsent = operand.op === 'ne' || operand.op === 'not_in';
  return (actual) => (isPresent(actual) ? test(actual) : whenAbsent);
}

export function isDefined<V>(actual: V | undefined): actual is V {
  return actual !== undefined;
}

/** For ops a kind does not list: the validator refuses them before a kind is asked to compile. */
export function unsupportedOp(op: ConditionOp): never {
  throw new DomainError('INTERNAL', `condition op "${op}" reached a value kind that does not support it`);
}

export function unreachable(_: never): never {
  throw new DomainError('INTERNAL', 'unexpected condition operand');
}
