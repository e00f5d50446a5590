/*
 * What `preorder_commit` stores with an order so that a replay, a cancellation or a return can act
 * on exactly what was decided. Amounts are integer strings (minor units for money, hundredths for
 * points): JSON has no bigint.
 */

export interface StoredPoints {
  points_currency_eid: string;
  amount: string;
}

export interface UnitShare {
  discount: string;
  redeemed_points: string;
  redeemed_value: string;
  paid: string;
  accrued: StoredPoints[];
  /**
   * Discount of this unit clawed back by a return that broke a `reevaluate` promotion while the
   * unit was kept (absent = none): returning the unit later refunds it with what was paid.
   */
  clawed_back?: string;
}

export interface LineAllocation {
  /** Unit 0 first; returns take units from the highest index down. */
  units: UnitShare[];
  promotions: Array<{
    promotion_id: number;
    discount: string;
    accrued: StoredPoints[];
    /** A return broke this `reevaluate` promotion's condition for the line: its share was clawed back. */
    clawed_back?: boolean;
  }>;
}

export interface CommittedPromotion {
  promotion_id: number;
  external_id: string;
  type: 'discount' | 'points';
  /** Money discounted (minor units). */
  discount: string;
  accrued: StoredPoints[];
  /** What the promotion's counters moved by, to give back on cancellation. */
  budget_amount: string;
  return_policy: 'keep' | 'reevaluate';
}

export interface PostedTransaction {
  transaction_id: number;
  transaction_type: 'redemption' | 'accrual';
  points_currency_eid: string;
  amount: string;
}

export interface OrderCheckout {
  program_id: number;
  member_id: number | null;
  /** sha256 of the canonical request body: the same `external_id` with another body is error 15. */
  request_digest: string;
  /** The commit's answer (`result` without `replayed`), replayed as stored. */
  answer: Record<string, unknown>;
  discount_total: string;
  delivery_discount: string;
  promotions: CommittedPromotion[];
  transactions: PostedTransaction[];
  promo_code_ids: number[];
  canceled_at: string | null;
  /** Every ledger reversal a return or the cancellation posted, oldest first (absent = none yet). */
  reversals?: StoredReversal[];
  /** The promotions whose uses and budget the cancellation gave back (`release_on_cancel`). */
  released_promotion_ids?: number[];
  /** When `paid` / `delivered` activated the order's pending points early (`activate_on`). */
  points_activated_at?: string | null;
}

/** One `cancellation` posted against one of the order's transactions. */
export interface StoredReversal {
  /** The refund history row it belongs to. */
  refund_id: number;
  cancellation_id: number;
  related_transaction_id: number;
  transaction_type: 'redemption' | 'accrual';
  points_currency_eid: string;
  /** Points given back (redemption) or cancelled (accrual, debt and uncollected parts included). */
  amount: string;
  expired_at_once: string;
  debt: string;
  uncollected: string;
}
