import { floorToPrecision, Points } from '@loyalty/kernel';
import { AccrualKindDefinition } from '../accrual-kind';
import { POSITIVE, readRate } from '../raw-fields';

/** `fixed_per_item`: `value` points for every unit of the promotion's lines. */
export const fixedPerItemAccrual: AccrualKindDefinition = {
  code: 'fixed_per_item',
  stage: 'base',
  needsPer: false,
  parseValue: (text, path) => readRate(text, path, POSITIVE),
  points(effect, lines, currency) {
    const value = Points.parse(effect.value);
    return lines.map((line) => floorToPrecision(value * BigInt(line.count), currency.precision));
  },
};
