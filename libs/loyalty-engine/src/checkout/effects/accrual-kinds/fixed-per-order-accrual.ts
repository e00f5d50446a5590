import { allocate, floorToPrecision, ONE_POINT, Points } from '@loyalty/kernel';
import { AccrualKindDefinition } from '../accrual-kind';
import { POSITIVE, readRate } from '../raw-fields';

/** `fixed_per_order`: `value` points once, split over the promotion's lines by what is paid for them. */
export const fixedPerOrderAccrual: AccrualKindDefinition = {
  code: 'fixed_per_order',
  stage: 'base',
  needsPer: false,
  parseValue: (text, path) => readRate(text, path, POSITIVE),
  points(effect, lines, currency) {
    if (lines.length === 0) {
      return [];
    }
    const total = floorToPrecision(Points.parse(effect.value), currency.precision);
    const unit = currency.precision === 0 ? ONE_POINT : 1n;
    return allocate(
      total,
      lines.map((line) => line.paid),
      unit,
    );
  },
};
