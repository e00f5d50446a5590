import { DomainError } from '@loyalty/kernel';
import { OrderCondition } from '../conditions/order-condition';
import { LineFacts, OrderFacts } from '../conditions/order-facts';

export interface RemainingCart {
  /** The facts of the units kept: lines without units left are gone, counts and totals shrink. */
  readonly facts: OrderFacts;
  /** `facts.lines[k]` is the committed line `lineOf[k]`. */
  readonly lineOf: readonly number[];
}

/**
 * The order's condition facts for the units still kept (rules.md §5, `return_policy:
 * "reevaluate"`): each line's `count` is its units left, lines with none are dropped, and
 * `goods_total` / `total_price` lose the list price of the returned units (delivery is not
 * returned). `items_count` and `lines_count` follow from the lines. Everything that is not about
 * the cart (channel, member, time of the order, tags, custom fields) stays as committed. Order
 * segments given in `orderSegments` are evaluated again on these facts; the others answer as at
 * commit. Line facts are new objects, so `inProductSegment` is answered for the committed line.
 */
export function remainingOrderFacts(
  committed: OrderFacts,
  unitsLeft: readonly number[],
  orderSegments: ReadonlyMap<number, OrderCondition> = new Map(),
): RemainingCart {
  if (unitsLeft.length !== committed.lines.length) {
    throw new DomainError(
      'INTERNAL',
      `the order has ${committed.lines.length} lines of facts and ${unitsLeft.length} lines of units`,
    );
  }
  const originals = new Map<LineFacts, LineFacts>();
  const lines: LineFacts[] = [];
  const lineOf: number[] = [];
  let returnedGoods = 0n;
  committed.lines.forEach((line, index) => {
    const left = unitsLeft[index];
    returnedGoods += line.price * BigInt(line.count - left);
    if (left <= 0) return;
    const kept: LineFacts = { ...line, count: left };
    originals.set(kept, line);
    lines.push(kept);
    lineOf.push(index);
  });
  const segmentAnswers = new Map<number, boolean>();
  const facts: OrderFacts = {
    ...committed,
    goodsTotal: committed.goodsTotal - returnedGoods,
    totalPrice: committed.totalPrice - returnedGoods,
    lines,
    inOrderSegment(segmentId) {
      const segment = orderSegments.get(segmentId);
      if (!segment) return committed.inOrderSegment(segmentId);
      let answer = segmentAnswers.get(segmentId);
      if (answer === undefined) {
        segmentAnswers.set(segmentId, false); // a segment naming itself does not loop
        answer = segment.evaluate(facts).matches;
        segmentAnswers.set(segmentId, answer);
      }
      return answer;
    },
    inProductSegment(segmentId, line) {
      return committed.inProductSegment(segmentId, originals.get(line) ?? line);
    },
  };
  return { facts, lineOf };
}
