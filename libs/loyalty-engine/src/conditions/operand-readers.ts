import { DomainError, parseDecimal } from '@loyalty/kernel';
import { CONDITION_DECIMAL_SCALE } from './condition-decimals';
import { dateOrInstantMs, isDateOnlyText } from './condition-dates';
import { OperandReader } from './leaf-operand';

export const readText: OperandReader<string> = (raw, path) => {
  if (typeof raw !== 'string' || raw.length === 0) {
    throw DomainError.invalid(path, 'must be a non-empty string');
  }
  return raw;
};

export const readBoolean: OperandReader<boolean> = (raw, path) => {
  if (typeof raw !== 'boolean') {
    throw DomainError.invalid(path, 'must be true or false');
  }
  return raw;
};

/** Money and float operands: decimal text such as `"100.00"`, at most 2 fraction digits, as hundredths. */
export const readDecimal: OperandReader<bigint> = (raw, path) => {
  if (typeof raw !== 'string') {
    throw DomainError.invalid(path, 'must be a decimal string such as "100.00"');
  }
  return parseDecimal(raw, CONDITION_DECIMAL_SCALE, path);
};

/** Whole-number operands, optionally within `min..max`. */
export function integerReader(range: { readonly min?: number; readonly max?: number } = {}): OperandReader<number> {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = range;
  const bounds =
    range.min !== undefined && range.max !== undefined
      ? ` from ${min} to ${max}`
      : range.min !== undefined
        ? ` of at least ${min}`
        : '';
  return (raw, path) => {
    if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < min || raw > max) {
      throw DomainError.invalid(path, `must be a whole number${bounds}`);
    }
    return raw;
  };
}

/** Segment ids (product segments, order segments): positive whole numbers. */
export const readSegmentId: OperandReader<number> = integerReader({ min: 1 });

/** Inclusive epoch-millisecond bounds of a date operand: a whole UTC day for a date alone, one instant otherwise. */
export interface DateSpan {
  readonly from: number;
  readonly to: number;
}

const MS_PER_DAY = 86_400_000;

export const readDateSpan: OperandReader<DateSpan> = (raw, path) => {
  if (typeof raw !== 'string') {
    throw DomainError.invalid(path, 'must be a date such as "2026-01-25" or an RFC 3339 date-time');
  }
  const from = dateOrInstantMs(raw, path);
  return { from, to: isDateOnlyText(raw) ? from + MS_PER_DAY - 1 : from };
};
