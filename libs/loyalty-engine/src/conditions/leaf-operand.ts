import { DomainError } from '@loyalty/kernel';
import { ConditionOp } from './condition-tree';

/** Ops whose value is one operand (`eq`, `gt`, `contains`, ...). */
export type SingleValueOp = Exclude<ConditionOp, 'exists' | 'in' | 'not_in'>;

/** A leaf's value, checked and parsed once when the tree is compiled. */
export type LeafOperand<T> =
  | { readonly op: 'exists'; readonly present: boolean }
  | { readonly op: 'in' | 'not_in'; readonly values: readonly T[] }
  | { readonly op: SingleValueOp; readonly value: T };

/** Checks and parses one operand, throwing `DomainError.invalid(path, ...)` when it does not fit. */
export type OperandReader<T> = (raw: unknown, path: string) => T;

/** `exists` takes a boolean, `in`/`not_in` a non-empty array of operands, every other op one operand. */
export function readLeafOperand<T>(
  op: ConditionOp,
  raw: unknown,
  path: string,
  read: OperandReader<T>,
): LeafOperand<T> {
  switch (op) {
    case 'exists':
      if (typeof raw !== 'boolean') {
        throw DomainError.invalid(path, 'must be true or false for "exists"');
      }
      return { op, present: raw };
    case 'in':
    case 'not_in':
      if (!Array.isArray(raw) || raw.length === 0) {
        throw DomainError.invalid(path, `must be a non-empty array for "${op}"`);
      }
      return { op, values: raw.map((item: unknown, index) => read(item, `${path}[${index}]`)) };
    default:
      return { op, value: read(raw, path) };
  }
}
