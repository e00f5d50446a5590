import { percentPoints } from '@loyalty/kernel';
import { AccrualKindDefinition } from '../accrual-kind';
import { PERCENT, readRate } from '../raw-fields';

/** `percent`: points worth `value` % of the base (base × value % ÷ point value). */
export const percentAccrual: AccrualKindDefinition = {
  code: 'percent',
  stage: 'base',
  needsPer: false,
  parseValue: (text, path) => readRate(text, path, PERCENT),
  points: (effect, lines, currency, minorDigits) =>
    lines.map((line) => percentPoints(line.base, minorDigits, effect.value, currency.pointValue, currency.precision)),
};
