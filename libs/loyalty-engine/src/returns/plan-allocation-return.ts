import { allocateWithCaps, bigintMin, bigintSum, DomainError } from '@loyalty/kernel';
import { PointsByCurrency } from '../checkout/pricing-types';
import {
  Clawback,
  CommittedLine,
  Reevaluation,
  ReturnedLine,
  ReturnFigures,
  ReturnRequest,
} from './committed-allocation';
import { promotionUnitShares } from './promotion-unit-shares';
import { remainingOrderFacts } from './remaining-order-facts';

/**
 * The figures of returning units of a committed order (spec rules.md §5, examples E3 and E9): the
 * returned units' allocation reversed exactly — money paid (plus what earlier clawbacks took of
 * them), redeemed points back, accrued points cancelled per currency, their discount leaving the
 * order — and, for promotions with `return_policy: "reevaluate"`, the discount of the kept units
 * clawed back when the promotion's condition no longer holds on what is kept.
 *
 * Units leave each line from the highest index down. Re-evaluation: an order condition that fails
 * on the kept cart claws back the promotion's share on every kept unit of its lines; a line
 * condition claws back on the kept lines it no longer picks. A share clawed back stays clawed back
 * (later returns never give it again, nor take it twice). The clawback is cut to the money being
 * refunded, so a refund is never negative; what is cut is left with the buyer, and the parts taken
 * are split over the units by largest remainder.
 *
 * Returning every unit, in any sequence of calls, gives back exactly what was committed: Σ money
 * = Σ paid, Σ points returned = redeemed, Σ cancelled = accrued, Σ discount returned + Σ clawed
 * back = Σ discount.
 */
export function planAllocationReturn(request: ReturnRequest): ReturnFigures {
  const { lines } = request;
  const now = new Map<number, number>();
  for (const { line, units } of request.returns) {
    const committed = lines[line];
    if (committed === undefined) throw new DomainError('INTERNAL', `the order has no line ${line}`);
    if (!Number.isInteger(units) || units < 0) throw new DomainError('INTERNAL', `cannot return ${units} units`);
    now.set(line, (now.get(line) ?? 0) + units);
  }
  const returned: ReturnedLine[] = [];
  for (const [line, units] of now) {
    const committed = lines[line];
    const left = committed.units.length - committed.unitsReturned;
    if (units > left) {
      throw new DomainError('INTERNAL', `line ${line} has ${left} units left, ${units} asked`);
    }
    if (units > 0) returned.push(returnedLine(line, committed, left - units, left - 1));
  }
  returned.sort((a, b) => a.line - b.line);
  const unitsLeft = lines.map((line, index) => line.units.length - line.unitsReturned - (now.get(index) ?? 0));
  const money = bigintSum(returned.map((line) => line.money));
  const clawbacks = request.reevaluation ? clawbacksOf(lines, unitsLeft, request.reevaluation, money) : null;
  const discountClawedBack = bigintSum((clawbacks?.parts ?? []).map((part) => part.amount));
  return {
    lines: returned,
    units: returned.reduce((sum, line) => sum + line.units, 0),
    moneyToRefund: money - discountClawedBack,
    pointsReturned: bigintSum(returned.map((line) => line.pointsReturned)),
    pointsReturnedValue: bigintSum(returned.map((line) => line.pointsReturnedValue)),
    pointsCancelled: sumPoints(returned.flatMap((line) => line.pointsCancelled)),
    discountReturned: bigintSum(returned.map((line) => line.discountReturned)),
    discountClawedBack,
    clawbacks: clawbacks?.parts ?? [],
    brokenPromotions: clawbacks?.broken ?? [],
    orderFullyReturned: unitsLeft.every((left) => left === 0),
  };
}

function returnedLine(line: number, committed: CommittedLine, firstUnit: number, lastUnit: number): ReturnedLine {
  const units = committed.units.slice(firstUnit, lastUnit + 1);
  return {
    line,
    units: units.length,
    firstUnit,
    lastUnit,
    money: bigintSum(units.map((unit) => unit.paid + unit.clawedBack)),
    pointsReturned: bigintSum(units.map((unit) => unit.redeemedPoints)),
    pointsReturnedValue: bigintSum(units.map((unit) => unit.redeemedValue)),
    pointsCancelled: sumPoints(units.flatMap((unit) => unit.accrued)),
    discountReturned: bigintSum(units.map((unit) => unit.discount - unit.clawedBack)),
  };
}

/** Per currency, in order of first appearance; zero sums are left out. */
function sumPoints(points: readonly PointsByCurrency[]): PointsByCurrency[] {
  const sums = new Map<string, bigint>();
  for (const { points_currency_eid, amount } of points) {
    sums.set(points_currency_eid, (sums.get(points_currency_eid) ?? 0n) + amount);
  }
  return [...sums]
    .filter(([, amount]) => amount !== 0n)
    .map(([points_currency_eid, amount]) => ({ points_currency_eid, amount }));
}

interface ClawbackOutcome {
  parts: Clawback[];
  broken: { promotionId: number; lines: number[] }[];
}

/** The kept units' shares of every re-evaluated promotion that no longer holds, cut to `limit`. */
function clawbacksOf(
  lines: readonly CommittedLine[],
  unitsLeft: readonly number[],
  reevaluation: Reevaluation,
  limit: bigint,
): ClawbackOutcome {
  const candidates = reevaluation.promotions.filter((promotion) =>
    lines.some((line, index) => unitsLeft[index] > 0 && standingShare(line, promotion.promotionId)),
  );
  if (candidates.length === 0) return { parts: [], broken: [] };
  const remaining = remainingOrderFacts(reevaluation.facts, unitsLeft, reevaluation.orderSegments);
  const shares = lines.map(promotionUnitShares);
  const wanted: Clawback[] = [];
  const broken: { promotionId: number; lines: number[] }[] = [];
  for (const { promotionId, condition } of candidates) {
    if (condition === null) continue;
    const match = condition.evaluate(remaining.facts);
    const picked = new Set(match.lineIndexes.map((index) => remaining.lineOf[index]));
    const lost = lines
      .map((line, index) => index)
      .filter((index) => unitsLeft[index] > 0 && standingShare(lines[index], promotionId))
      .filter((index) => !match.matches || (condition.isLineCondition && !picked.has(index)));
    if (lost.length === 0) continue;
    broken.push({ promotionId, lines: lost });
    for (const line of lost) {
      const parts = shares[line].get(promotionId) ?? [];
      for (let unit = 0; unit < unitsLeft[line]; unit++) {
        const amount = parts[unit] ?? 0n;
        if (amount > 0n) wanted.push({ line, unit, promotionId, amount });
      }
    }
  }
  const total = bigintSum(wanted.map((part) => part.amount));
  const taken = bigintMin(total, limit);
  if (taken === total) return { parts: wanted, broken };
  const amounts = wanted.map((part) => part.amount);
  const cut = taken > 0n ? allocateWithCaps(taken, amounts, amounts) : amounts.map(() => 0n);
  return {
    parts: wanted.map((part, index) => ({ ...part, amount: cut[index] })).filter((part) => part.amount > 0n),
    broken,
  };
}

/** The promotion has a discount on the line that no return has clawed back yet. */
function standingShare(line: CommittedLine, promotionId: number): boolean {
  return line.promotions.some((share) => share.promotionId === promotionId && share.discount > 0n && !share.clawedBack);
}

/**
 * The lines as they stand after a return with these figures: more units returned, the clawed-back
 * discount on the kept units, and the broken promotions' shares marked clawed back. The state to
 * store for the next return.
 */
export function linesAfterReturn(lines: readonly CommittedLine[], figures: ReturnFigures): CommittedLine[] {
  return lines.map((line, index) => {
    const returned = figures.lines.find((entry) => entry.line === index)?.units ?? 0;
    const broken = new Set(
      figures.brokenPromotions
        .filter((promotion) => promotion.lines.includes(index))
        .map((promotion) => promotion.promotionId),
    );
    const claws = figures.clawbacks.filter((part) => part.line === index);
    return {
      unitsReturned: line.unitsReturned + returned,
      units: line.units.map((unit, at) => {
        const clawed = bigintSum(claws.filter((part) => part.unit === at).map((part) => part.amount));
        return clawed === 0n ? unit : { ...unit, clawedBack: unit.clawedBack + clawed };
      }),
      promotions: line.promotions.map((share) =>
        broken.has(share.promotionId) && !share.clawedBack ? { ...share, clawedBack: true } : share,
      ),
    };
  });
}
