/**
 * Where a discount acts: a goods line, by its index in the cart, or the delivery. Arbitration
 * (exclusive promotions) works per slot, so a delivery promotion never competes with a goods one.
 */
export type Slot = number;

export const DELIVERY: Slot = -1;
