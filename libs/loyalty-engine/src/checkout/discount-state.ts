import { bigintMax, bigintMin, DomainError, percentOf } from '@loyalty/kernel';
import { PricingInput, PricingLine } from './pricing-types';
import { listTotal } from './list-total';
import { DELIVERY, Slot } from './slots';

/**
 * The running amounts while discounts stack (spec rules.md §4 step 3): each goods line and the
 * delivery start at their list amount and go down by every discount applied to them, in order.
 * A line never goes below `floorPrice × count`, and with the program's `max_discount_percent` its
 * combined discount never passes that percent of its list total (rounded half-up).
 */
export class DiscountState {
  private readonly running: bigint[];
  private readonly given: bigint[];
  private readonly caps: (bigint | null)[];
  private delivery: bigint;

  private constructor(
    private readonly lines: readonly PricingLine[],
    deliveryCost: bigint,
    maxDiscountPercent: string | null,
  ) {
    this.running = lines.map(listTotal);
    this.given = lines.map(() => 0n);
    this.caps = lines.map((line) =>
      maxDiscountPercent === null ? null : percentOf(listTotal(line), maxDiscountPercent),
    );
    this.delivery = deliveryCost;
  }

  /** The cart before any discount. */
  static fresh(input: PricingInput): DiscountState {
    return new DiscountState(input.lines, input.deliveryCost, input.program.arbitration.maxDiscountPercent);
  }

  runningOf(slot: Slot): bigint {
    return slot === DELIVERY ? this.delivery : this.lineAt(slot, this.running);
  }

  countOf(slot: Slot): number {
    return slot === DELIVERY ? 1 : this.lineAt(slot, this.lines).count;
  }

  /** How much more a discount may take off the slot: down to the floor, within the percent cap. */
  roomOf(slot: Slot): bigint {
    if (slot === DELIVERY) {
      return this.delivery;
    }
    const cap = this.lineAt(slot, this.caps);
    const floorRoom = this.floorRoomOf(slot);
    return cap === null ? floorRoom : bigintMax(bigintMin(floorRoom, cap - this.lineAt(slot, this.given)), 0n);
  }

  /** What a line's running amount has above its floor (what redemption may take). */
  floorRoomOf(line: number): bigint {
    const { floorPrice, count } = this.lineAt(line, this.lines);
    return bigintMax(this.lineAt(line, this.running) - floorPrice * BigInt(count), 0n);
  }

  take(slot: Slot, amount: bigint): void {
    if (amount < 0n || amount > this.roomOf(slot)) {
      throw new DomainError('INTERNAL', `discount ${amount} does not fit slot ${slot}`);
    }
    if (slot === DELIVERY) {
      this.delivery -= amount;
      return;
    }
    this.running[slot] = this.lineAt(slot, this.running) - amount;
    this.given[slot] = this.lineAt(slot, this.given) + amount;
  }

  lineDiscount(line: number): bigint {
    return this.lineAt(line, this.given);
  }

  lineRunning(line: number): bigint {
    return this.lineAt(line, this.running);
  }

  private lineAt<T>(line: number, values: readonly T[]): T {
    const value = values[line];
    if (value === undefined) {
      throw new DomainError('INTERNAL', `no line ${line}`);
    }
    return value;
  }
}
