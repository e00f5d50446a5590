import { CommittedLine, PointsByCurrency } from '@loyalty/loyalty-engine';
import type { LineAllocation, StoredPoints } from '../domain/order-checkout';

/*
 * The allocation as the order stores it (integer strings in jsonb) and as the return planner
 * reads it (bigint), both ways.
 */

const points = (stored: readonly StoredPoints[]): PointsByCurrency[] =>
  stored.map((entry) => ({ points_currency_eid: entry.points_currency_eid, amount: BigInt(entry.amount) }));

/** A committed line as `planAllocationReturn` reads it; a line without allocation has none of its figures. */
export function committedLineOf(
  allocation: LineAllocation | null,
  count: number,
  unitsReturned: number,
): CommittedLine {
  const zero = { discount: 0n, redeemedPoints: 0n, redeemedValue: 0n, paid: 0n, accrued: [], clawedBack: 0n };
  return {
    unitsReturned,
    units: allocation
      ? allocation.units.map((unit) => ({
          discount: BigInt(unit.discount),
          redeemedPoints: BigInt(unit.redeemed_points),
          redeemedValue: BigInt(unit.redeemed_value),
          paid: BigInt(unit.paid),
          accrued: points(unit.accrued),
          clawedBack: BigInt(unit.clawed_back ?? '0'),
        }))
      : Array.from({ length: count }, () => zero),
    promotions: (allocation?.promotions ?? []).map((share) => ({
      promotionId: share.promotion_id,
      discount: BigInt(share.discount),
      clawedBack: share.clawed_back === true,
    })),
  };
}

/** The stored allocation with what a return changed (clawbacks on kept units, clawed-back shares). */
export function storedAllocationAfter(allocation: LineAllocation, line: CommittedLine): LineAllocation {
  return {
    units: allocation.units.map((unit, index) => {
      const clawedBack = line.units[index]?.clawedBack ?? 0n;
      return clawedBack > 0n ? { ...unit, clawed_back: clawedBack.toString() } : unit;
    }),
    promotions: allocation.promotions.map((share, index) =>
      line.promotions[index]?.clawedBack ? { ...share, clawed_back: true } : share,
    ),
  };
}
