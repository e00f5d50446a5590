import { ConditionOp } from './condition-tree';
import { readLeafOperand } from './leaf-operand';
import { readText } from './operand-readers';
import { ComparingOperand, leafTest, unsupportedOp, ValueKind } from './value-kind';

const isNonEmpty = (list: readonly string[] | undefined): list is readonly string[] =>
  list !== undefined && list.length > 0;

/** `contains x`: x is in the list; `in [..]`: the list shares a value with them; `not_in`: it shares none. */
function compareList(operand: ComparingOperand<string>): (list: readonly string[]) => boolean {
  switch (operand.op) {
    case 'contains':
      return (list) => list.includes(operand.value);
    case 'in': {
      const values = new Set(operand.values);
      return (list) => list.some((item) => values.has(item));
    }
    case 'not_in': {
      const values = new Set(operand.values);
      return (list) => !list.some((item) => values.has(item));
    }
    default:
      return unsupportedOp(operand.op);
  }
}

const LIST_OPS: readonly ConditionOp[] = ['contains', 'in', 'not_in', 'exists'];

/** A list of strings (tags, list custom fields); an empty list is absent. */
export const listKind: ValueKind<readonly string[]> = {
  ops: LIST_OPS,
  compile: (op, value, path) => leafTest(readLeafOperand(op, value, path, readText), isNonEmpty, compareList),
};
