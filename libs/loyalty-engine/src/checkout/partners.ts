import { categoryMembership } from '../conditions/category-ancestry';
import { LineFacts, OrderFacts } from '../conditions/order-facts';
import { PricingInput, PricingPartner, ProductSet } from './pricing-types';

/**
 * Whether a line is in a product set, answered like the `line.product`, `line.sku`,
 * `line.category` (sub-categories included) and `line.product_segment` condition leaves.
 */
export function inProductSet(set: ProductSet, line: LineFacts, order: OrderFacts): boolean {
  if (set.products.includes(line.product) || (line.sku !== null && set.skus.includes(line.sku))) {
    return true;
  }
  const categories = categoryMembership(line.categories, order.categories);
  if (categories !== undefined && set.categories.some((category) => categories.has(category))) {
    return true;
  }
  return set.segments.some((segmentId) => order.inProductSegment(segmentId, line));
}

/** The partner whose terms apply to each line: the first by ascending id whose set holds it; none for unknown items. */
export function matchPartners(input: PricingInput): (PricingPartner | null)[] {
  const partners = [...input.partners].sort((a, b) => a.id - b.id);
  return input.lines.map((line, index) => {
    if (!line.known) {
      return null;
    }
    return partners.find((partner) => inProductSet(partner.products, input.order.lines[index], input.order)) ?? null;
  });
}
