import { allocateWithCaps, bigintMax, bigintSum, floorToPrecision, ONE_POINT } from '@loyalty/kernel';
import { ArbitrationStep } from './arbitration';
import { AccrualLine } from './effects/accrual-kind';
import { ACCRUAL_KINDS } from './effects/accrual-registry';
import { LineAmounts } from './line-amounts';
import { AccrualEffect, PricingCurrency, PricingInput, PricingPromotion } from './pricing-types';

/** The points one points promotion gives, line by line. */
export interface PromotionAccrual {
  readonly promotionId: number;
  readonly currency: PricingCurrency;
  /** Hundredths by line index, for each of the promotion's lines. */
  readonly byLine: ReadonlyMap<number, bigint>;
}

interface Accruing {
  readonly promotion: PricingPromotion;
  readonly effect: AccrualEffect;
  readonly currency: PricingCurrency;
  readonly lines: readonly number[];
}

/** A points budget (hundredths) cuts the promotion's total, split over its lines by their points. */
function cutToBudget(points: bigint[], budgetLeft: bigint | null, currency: PricingCurrency): bigint[] {
  if (budgetLeft === null) {
    return points;
  }
  const cap = floorToPrecision(bigintMax(budgetLeft, 0n), currency.precision);
  if (bigintSum(points) <= cap) {
    return points;
  }
  return allocateWithCaps(cap, points, points, currency.precision === 0 ? ONE_POINT : 1n);
}

function accrue(
  accruing: Accruing,
  input: PricingInput,
  amounts: readonly LineAmounts[],
  otherPoints: (line: number) => bigint,
): PromotionAccrual {
  const { promotion, effect, currency, lines } = accruing;
  const accrualLines: AccrualLine[] = lines.map((line) => {
    const amount = amounts[line];
    return { base: amount[effect.base], paid: amount.paid, count: amount.count, otherPoints: otherPoints(line) };
  });
  const points = cutToBudget(
    ACCRUAL_KINDS.get(effect.kind).points(effect, accrualLines, currency, input.minorDigits),
    promotion.limits.budgetLeft,
    currency,
  );
  return {
    promotionId: promotion.id,
    currency,
    byLine: new Map(lines.map((line, index) => [line, points[index]])),
  };
}

/**
 * Step 5 of spec rules.md §4 for the points promotions: each computes its points per line on its
 * base (`paid`, `discounted` or `list`), rounded down to the currency's precision and cut to its
 * budget; multipliers then add to the points the others gave on the same lines in their currency.
 * A promotion in a qualification currency accrues qualification points the same way.
 */
export function accruePromotions(
  input: PricingInput,
  steps: readonly ArbitrationStep[],
  amounts: readonly LineAmounts[],
): PromotionAccrual[] {
  const accruing = steps.flatMap(({ candidate, slots }): Accruing[] => {
    const { promotion } = candidate;
    const effect = promotion.accrual;
    const currency = input.program.currencies.find((known) => known.eid === effect?.points_currency_eid);
    return promotion.type === 'points' && effect !== null && currency !== undefined
      ? [{ promotion, effect, currency, lines: slots }]
      : [];
  });
  const isMultiplier = (entry: Accruing) => ACCRUAL_KINDS.get(entry.effect.kind).stage === 'multiplier';
  const base = accruing.filter((entry) => !isMultiplier(entry)).map((entry) => accrue(entry, input, amounts, () => 0n));
  const pointsOn = (line: number, eid: string) =>
    bigintSum(base.filter((result) => result.currency.eid === eid).map((result) => result.byLine.get(line) ?? 0n));
  const multiplied = accruing
    .filter(isMultiplier)
    .map((entry) => accrue(entry, input, amounts, (line) => pointsOn(line, entry.currency.eid)));
  const byPromotion = new Map([...base, ...multiplied].map((result) => [result.promotionId, result]));
  return accruing.flatMap((entry) => byPromotion.get(entry.promotion.id) ?? []);
}
