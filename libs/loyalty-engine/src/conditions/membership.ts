/**
 * What a value belongs to, answered without listing it: a catalog item's categories with all
 * their ancestors, a member's tiers, the segments a line or an order is in.
 */
export interface Membership<T> {
  has(id: T): boolean;
}
