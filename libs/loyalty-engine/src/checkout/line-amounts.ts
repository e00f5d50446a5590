/** A line's amounts that accrual bases and weights read, in minor units. */
export interface LineAmounts {
  readonly list: bigint;
  /** After discounts, before points. */
  readonly discounted: bigint;
  /** After discounts and the money value of redeemed points. */
  readonly paid: bigint;
  readonly count: number;
}
