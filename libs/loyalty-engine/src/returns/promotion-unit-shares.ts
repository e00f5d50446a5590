import { allocateWithCaps, bigintMin, bigintSum } from '@loyalty/kernel';
import { CommittedLine } from './committed-allocation';

/**
 * Each promotion's line discount split over the line's units (the commit stores the units' total
 * discount and each promotion's line share, not their product). The promotions take the units'
 * discounts in the order they acted, each by largest remainder over what the units still have
 * (ties to the lower unit), so the shares of a unit never exceed its discount and each
 * promotion's shares sum to its line share. E3: 10.00 over units discounted 3.34 / 3.33 / 3.33 is
 * 3.34 / 3.33 / 3.33. A share larger than what the units hold (a partner discount is not a
 * promotion, so it never is) is cut to it.
 */
export function promotionUnitShares(line: CommittedLine): Map<number, bigint[]> {
  const room = line.units.map((unit) => unit.discount);
  const shares = new Map<number, bigint[]>();
  for (const { promotionId, discount } of line.promotions) {
    const total = bigintMin(discount, bigintSum(room));
    const parts = total > 0n ? allocateWithCaps(total, room, room) : room.map(() => 0n);
    parts.forEach((part, unit) => (room[unit] -= part));
    const previous = shares.get(promotionId);
    shares.set(promotionId, previous ? previous.map((part, unit) => part + parts[unit]) : parts);
  }
  return shares;
}
