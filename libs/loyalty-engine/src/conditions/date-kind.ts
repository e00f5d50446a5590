import { ConditionOp } from './condition-tree';
import { readLeafOperand } from './leaf-operand';
import { DateSpan, readDateSpan } from './operand-readers';
import { ComparingOperand, isDefined, leafTest, unsupportedOp, ValueKind } from './value-kind';

const within = (span: DateSpan, ms: number) => ms >= span.from && ms <= span.to;

/**
 * A date operand is a span: a date alone is its whole (UTC) day, a date-time one instant. So
 * `eq "2026-01-25"` holds all day, `gt` means after the span and `lt` before it.
 */
function compareDate(operand: ComparingOperand<DateSpan>): (epochMs: number) => boolean {
  switch (operand.op) {
    case 'in':
      return (ms) => operand.values.some((span) => within(span, ms));
    case 'not_in':
      return (ms) => !operand.values.some((span) => within(span, ms));
    case 'eq':
      return (ms) => within(operand.value, ms);
    case 'ne':
      return (ms) => !within(operand.value, ms);
    case 'gt':
      return (ms) => ms > operand.value.to;
    case 'gte':
      return (ms) => ms >= operand.value.from;
    case 'lt':
      return (ms) => ms < operand.value.from;
    case 'lte':
      return (ms) => ms <= operand.value.to;
    default:
      return unsupportedOp(operand.op);
  }
}

const DATE_OPS: readonly ConditionOp[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'exists'];

/** A date custom field, held as epoch milliseconds. */
export const dateKind: ValueKind<number> = {
  ops: DATE_OPS,
  compile: (op, value, path) =>
    leafTest(readLeafOperand(op, value, path, readDateSpan), isDefined<number>, compareDate),
};
