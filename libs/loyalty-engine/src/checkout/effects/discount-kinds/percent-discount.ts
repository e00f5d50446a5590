import { bigintSum, percentOf } from '@loyalty/kernel';
import { DiscountKindDefinition, percentOfEffect } from '../discount-kind';
import { PERCENT, readRate } from '../raw-fields';

/** `percent`: a percent of the running amount, rounded half-up once per line, or once on the order's total. */
export const percentDiscount: DiscountKindDefinition = {
  code: 'percent',
  parseValue: (text, _minorDigits, path) => ({ percent: readRate(text, path, PERCENT), amount: null }),
  formatValue: (effect) => percentOfEffect(effect),
  demand(effect, slots, target) {
    const percent = percentOfEffect(effect);
    if (target === 'order') {
      return { split: percentOf(bigintSum(slots.map((slot) => slot.running)), percent) };
    }
    return { each: slots.map((slot) => percentOf(slot.running, percent)) };
  },
};
