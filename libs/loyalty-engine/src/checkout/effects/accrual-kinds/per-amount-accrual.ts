import { DomainError, floorToPrecision, perAmountPoints, Points } from '@loyalty/kernel';
import { AccrualKindDefinition } from '../accrual-kind';
import { POSITIVE, readRate } from '../raw-fields';

/** `per_amount`: `value` points for every whole `per` of the base (⌊base ÷ per⌋ × value). */
export const perAmountAccrual: AccrualKindDefinition = {
  code: 'per_amount',
  stage: 'base',
  needsPer: true,
  parseValue: (text, path) => readRate(text, path, POSITIVE),
  points(effect, lines, currency) {
    const per = effect.per;
    if (per === null) {
      throw new DomainError('INTERNAL', 'a per_amount accrual has no per');
    }
    const value = Points.parse(effect.value);
    return lines.map((line) => floorToPrecision(perAmountPoints(line.base, per, value), currency.precision));
  },
};
