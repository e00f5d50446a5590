import { ConditionOp } from './condition-tree';
import { Membership } from './membership';
import { OperandReader, readLeafOperand } from './leaf-operand';
import { ComparingOperand, isDefined, leafTest, unsupportedOp, ValueKind } from './value-kind';

/** `eq x`: belongs to x; `ne x`: does not; `in [..]`: belongs to any of them; `not_in`: to none. */
function compareMembership<T>(operand: ComparingOperand<T>): (membership: Membership<T>) => boolean {
  switch (operand.op) {
    case 'eq':
      return (membership) => membership.has(operand.value);
    case 'ne':
      return (membership) => !membership.has(operand.value);
    case 'in':
      return (membership) => operand.values.some((id) => membership.has(id));
    case 'not_in':
      return (membership) => !operand.values.some((id) => membership.has(id));
    default:
      return unsupportedOp(operand.op);
  }
}

/** A field answering membership; an `undefined` membership (no category, no tier) is absent. */
export function membershipKind<T>(ops: readonly ConditionOp[], read: OperandReader<T>): ValueKind<Membership<T>> {
  return {
    ops,
    compile: (op, value, path) =>
      leafTest(readLeafOperand(op, value, path, read), isDefined<Membership<T>>, compareMembership),
  };
}
