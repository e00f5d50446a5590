import { IsoWeekday, MinorDigits } from '@loyalty/kernel';
import { CategoryAncestry } from './category-ancestry';
import { CustomFieldFacts } from './custom-field-types';

/** What order-scope conditions read about one order at checkout; money in the order currency's minor units. */
export interface OrderFacts {
  /** External ids of the sales channel, the touchpoint and the region; `null` when the order names none. */
  readonly channel: string | null;
  readonly endpoint: string | null;
  readonly region: string | null;
  readonly currency: string;
  readonly minorDigits: MinorDigits;
  readonly goodsTotal: bigint;
  readonly totalPrice: bigint;
  readonly tags: readonly string[];
  readonly customFields: CustomFieldFacts;
  readonly lines: readonly LineFacts[];
  /** `null` when the buyer is not a member of the program (or is anonymous). */
  readonly member: MemberFacts | null;
  /** The buyer's profile custom fields; empty for an anonymous order. */
  readonly profileCustomFields: CustomFieldFacts;
  /** The calculation instant in the program's time zone, computed by the caller. */
  readonly now: { readonly weekday: IsoWeekday; readonly hour: number };
  readonly categories: CategoryAncestry;
  /** Answers `order_segment` leaves; the caller evaluates (and caches) the segment's own tree. */
  inOrderSegment(segmentId: number): boolean;
  /** Answers `line.product_segment` leaves. */
  inProductSegment(segmentId: number, line: LineFacts): boolean;
}

export interface LineFacts {
  readonly product: string;
  readonly sku: string | null;
  /** External ids of the categories the line's product or SKU is directly in. */
  readonly categories: readonly string[];
  /** The unit price before discounts, in minor units. */
  readonly price: bigint;
  readonly count: number;
  readonly customFields: CustomFieldFacts;
}

export interface MemberFacts {
  /** External ids of the tiers the member holds (one per tier group). */
  readonly tiers: ReadonlySet<string>;
  /** Whole days since the member registered. */
  readonly registeredDays: number;
}
