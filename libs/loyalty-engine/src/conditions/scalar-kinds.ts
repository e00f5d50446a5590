import { ConditionOp } from './condition-tree';
import { OperandReader, readLeafOperand } from './leaf-operand';
import { ComparingOperand, isDefined, leafTest, unreachable, ValueKind } from './value-kind';

type Scalar = string | number | bigint | boolean;

/** `===`, `<` and `Set` membership compare numbers, bigints and strings exactly, with no arithmetic. */
function compareScalar<T extends Scalar>(operand: ComparingOperand<T>): (actual: T) => boolean {
  switch (operand.op) {
    case 'in': {
      const values = new Set(operand.values);
      return (actual) => values.has(actual);
    }
    case 'not_in': {
      const values = new Set(operand.values);
      return (actual) => !values.has(actual);
    }
    case 'eq':
      return (actual) => actual === operand.value;
    case 'ne':
      return (actual) => actual !== operand.value;
    case 'gt':
      return (actual) => actual > operand.value;
    case 'gte':
      return (actual) => actual >= operand.value;
    case 'lt':
      return (actual) => actual < operand.value;
    case 'lte':
      return (actual) => actual <= operand.value;
    case 'contains': {
      const part = operand.value;
      return (actual) => typeof actual === 'string' && typeof part === 'string' && actual.includes(part);
    }
    default:
      return unreachable(operand);
  }
}

/** A field holding one scalar value: an id, a text, a number, money or float hundredths, a boolean. */
export function scalarKind<T extends Scalar>(ops: readonly ConditionOp[], read: OperandReader<T>): ValueKind<T> {
  return {
    ops,
    compile: (op, value, path) => leafTest(readLeafOperand(op, value, path, read), isDefined<T>, compareScalar),
  };
}
