import { OrderCondition } from '../conditions/order-condition';
import { OrderFacts } from '../conditions/order-facts';
import { PointsByCurrency } from '../checkout/pricing-types';

/*
 * What a return reads of a committed order (spec rules.md §5): the allocation `preorder_commit`
 * stored per line and unit, in bigint (minor units for money, hundredths for points), plus what
 * earlier returns already did to it.
 */

/** One unit of a committed line. */
export interface CommittedUnit {
  readonly discount: bigint;
  readonly redeemedPoints: bigint;
  readonly redeemedValue: bigint;
  /** Money paid for the unit at commit. */
  readonly paid: bigint;
  readonly accrued: readonly PointsByCurrency[];
  /**
   * Discount of this unit clawed back by an earlier return (`return_policy: "reevaluate"`): the
   * buyer kept the unit and paid that discount back, so returning the unit later refunds it too.
   */
  readonly clawedBack: bigint;
}

/** One promotion's discount on a committed line, in the order the promotions acted. */
export interface CommittedShare {
  readonly promotionId: number;
  readonly discount: bigint;
  /** An earlier return already clawed this promotion's share of the line back. */
  readonly clawedBack: boolean;
}

export interface CommittedLine {
  /** Unit 0 first. */
  readonly units: readonly CommittedUnit[];
  /** Units returned by earlier calls: always the highest indexes. */
  readonly unitsReturned: number;
  readonly promotions: readonly CommittedShare[];
}

/** A promotion with `return_policy: "reevaluate"`, with its compiled condition (null: always holds). */
export interface ReevaluatedPromotion {
  readonly promotionId: number;
  readonly condition: OrderCondition | null;
}

export interface Reevaluation {
  /** The order's condition facts as committed (every unit of every line; `facts.lines[i]` is line i). */
  readonly facts: OrderFacts;
  readonly promotions: readonly ReevaluatedPromotion[];
  /** Order segments to evaluate again on the remaining cart; a segment not listed answers as committed. */
  readonly orderSegments?: ReadonlyMap<number, OrderCondition>;
}

export interface ReturnRequest {
  readonly lines: readonly CommittedLine[];
  /** Additional units returned now, per line index (each taken from the highest unit index down). */
  readonly returns: readonly { readonly line: number; readonly units: number }[];
  /** Null when no applied promotion asks for re-evaluation. */
  readonly reevaluation: Reevaluation | null;
}

/** What one line gives back. */
export interface ReturnedLine {
  readonly line: number;
  readonly units: number;
  /** The 0-based unit indexes returned: `firstUnit..lastUnit` inclusive. */
  readonly firstUnit: number;
  readonly lastUnit: number;
  /** Σ paid of the units, plus what earlier clawbacks took of them (before this call's clawback). */
  readonly money: bigint;
  readonly pointsReturned: bigint;
  readonly pointsReturnedValue: bigint;
  readonly pointsCancelled: readonly PointsByCurrency[];
  /** Σ discount of the units still standing (not clawed back before): it leaves the order's totals. */
  readonly discountReturned: bigint;
}

/** Discount of one kept unit clawed back because its promotion's condition broke. */
export interface Clawback {
  readonly line: number;
  readonly unit: number;
  readonly promotionId: number;
  readonly amount: bigint;
}

export interface ReturnFigures {
  readonly lines: readonly ReturnedLine[];
  readonly units: number;
  /** What the buyer gets back: Σ money of the returned units − `discountClawedBack` (never negative). */
  readonly moneyToRefund: bigint;
  /** Redeemed points to give back to their lots, and their money value. */
  readonly pointsReturned: bigint;
  readonly pointsReturnedValue: bigint;
  /** Accrued points to cancel, per currency (currencies in order of first appearance). */
  readonly pointsCancelled: readonly PointsByCurrency[];
  /** Discount of the returned units leaving the order. */
  readonly discountReturned: bigint;
  /** Discount of kept units taken back in this refund (`return_policy: "reevaluate"`). */
  readonly discountClawedBack: bigint;
  readonly clawbacks: readonly Clawback[];
  /** Every promotion whose condition no longer holds on some kept line, with those lines. */
  readonly brokenPromotions: readonly { readonly promotionId: number; readonly lines: readonly number[] }[];
  /** After this return no unit of the order is left. */
  readonly orderFullyReturned: boolean;
}
