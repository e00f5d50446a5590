import { bigintMax, multiplyPoints } from '@loyalty/kernel';
import { AccrualKindDefinition } from '../accrual-kind';
import { FACTOR, readRate } from '../raw-fields';

/**
 * `multiplier`: multiplies the points the other promotions give on the same lines in the same
 * currency, by adding points × (factor − 1), rounded down. Several multipliers on a line each add
 * their extra on those same points (×2 and ×3 give ×4), so their order does not matter.
 */
export const multiplierAccrual: AccrualKindDefinition = {
  code: 'multiplier',
  stage: 'multiplier',
  needsPer: false,
  parseValue: (text, path) => readRate(text, path, FACTOR),
  points: (effect, lines, currency) =>
    lines.map((line) =>
      bigintMax(multiplyPoints(line.otherPoints, effect.value, currency.precision) - line.otherPoints, 0n),
    ),
};
