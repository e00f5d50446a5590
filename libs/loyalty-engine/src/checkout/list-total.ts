import { PricingLine } from './pricing-types';

/** A line's amount before any discount: unit price × count. */
export function listTotal(line: PricingLine): bigint {
  return line.unitPrice * BigInt(line.count);
}
