import { DomainError } from '@loyalty/kernel';

export interface LineReturnRequest {
  /** Units of the line. */
  count: number;
  /** Units returned by earlier calls. */
  unitsReturned: number;
  /** Additional units to return now; absent means every unit not yet returned. */
  requested: number | null;
  /** What one unit was paid in money: `final_price_per_item ?? base_price_per_item`. */
  pricePerItem: bigint;
}

export interface LineReturnPlan {
  units: number;
  /** The 0-based unit indexes returned, highest first taken: `firstUnit..lastUnit` inclusive. */
  firstUnit: number;
  lastUnit: number;
  unitsReturnedAfter: number;
  moneyToRefund: bigint;
  /** Points figures of an imported order are zero: it never touched loyalty (hundredths otherwise). */
  pointsReturned: bigint;
  pointsCancelled: bigint;
  discountClawedBack: bigint;
}

/**
 * Which units a cancel or refund of a line takes (from the highest unit index down) and what
 * they are worth at `pricePerItem` (an imported order). Nothing left to return is error 13;
 * asking for more than is left is error 1 at `count`. A committed order's figures come from the
 * units' allocation instead (`committedReturnPlan`).
 */
export function planLineReturn(request: LineReturnRequest): LineReturnPlan {
  const remaining = request.count - request.unitsReturned;
  if (remaining <= 0) {
    throw new DomainError('TRANSACTION_STATE', 'Every unit of the line is already returned', {
      units_returned: request.unitsReturned,
    });
  }
  const units = request.requested ?? remaining;
  if (units > remaining) {
    throw DomainError.invalid('count', `only ${remaining} units of the line are not returned yet`);
  }
  return {
    units,
    firstUnit: remaining - units,
    lastUnit: remaining - 1,
    unitsReturnedAfter: request.unitsReturned + units,
    moneyToRefund: request.pricePerItem * BigInt(units),
    pointsReturned: 0n,
    pointsCancelled: 0n,
    discountClawedBack: 0n,
  };
}

/** What a return of a committed line gave, from its allocation (the units are already counted as returned). */
export interface CommittedReturnFigures {
  units: number;
  moneyToRefund: bigint;
  pointsReturned: bigint;
  /** In the order's main currency (the refund history keeps one figure). */
  pointsCancelledMain: bigint;
  discountClawedBack: bigint;
}

/** The plan of a committed line's return, once `line.unitsReturned` includes its units. */
export function committedReturnPlan(
  line: { count: number; unitsReturned: number },
  figures: CommittedReturnFigures,
): LineReturnPlan {
  const firstUnit = line.count - line.unitsReturned;
  return {
    units: figures.units,
    firstUnit,
    lastUnit: firstUnit + figures.units - 1,
    unitsReturnedAfter: line.unitsReturned,
    moneyToRefund: figures.moneyToRefund,
    pointsReturned: figures.pointsReturned,
    pointsCancelled: figures.pointsCancelledMain,
    discountClawedBack: figures.discountClawedBack,
  };
}
