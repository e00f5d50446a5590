import { DomainError, IsoWeekday } from '@loyalty/kernel';
import {
  CategoryAncestry,
  customFieldFacts,
  CustomFieldFacts,
  CustomFieldTypeLookup,
  LineFacts,
  MemberFacts,
  OrderFacts,
  PricingLine,
} from '@loyalty/loyalty-engine';
import type { CatalogEntry, CartCatalog } from '@loyalty/market-catalog';
import type { SentLine, SentOrder } from '../../domain/order-document';

export interface CartContext {
  catalog: CartCatalog;
  allowUnknownItems: boolean;
  channel: string | null;
  minorDigits: OrderFacts['minorDigits'];
  member: MemberFacts | null;
  profileCustomFields: Readonly<Record<string, unknown>>;
  now: { weekday: IsoWeekday; hour: number };
  inOrderSegment: (segmentId: number, order: OrderFacts) => boolean;
}

export interface Cart {
  lines: PricingLine[];
  facts: OrderFacts;
}

/**
 * The cart as the engine reads it: each line with its catalog facts (an unknown product or SKU is
 * error 18, or a line without promotions when the program allows unknown items) and the order's
 * condition facts. Pure: the caller has loaded the catalog slice and the member.
 */
export function buildCart(sent: SentOrder & { lines: SentLine[] }, context: CartContext): Cart {
  const { catalog } = context;
  const entries = new Map<LineFacts, CatalogEntry>();
  const lines: PricingLine[] = [];
  const lineFacts: LineFacts[] = [];
  for (const line of sent.lines) {
    const entry = catalog.entry(line);
    if (!entry && !context.allowUnknownItems) {
      const field = line.sku ? 'sku' : 'product';
      throw DomainError.unknownReference(
        `data.lines[${line.position}].${field}`,
        `the catalog has no ${field} "${line.sku ?? line.product}"${line.sku && line.product ? ` of product "${line.product}"` : ''}`,
      );
    }
    const facts = lineFactsOf(line, entry, catalog.customFieldType);
    if (entry) entries.set(facts, entry);
    lineFacts.push(facts);
    lines.push({
      externalId: line.externalId,
      unitPrice: line.basePricePerItem,
      floorPrice: line.minPricePerItem ?? 0n,
      count: line.count,
      known: entry !== null,
    });
  }
  const goodsTotal = sent.lines.reduce((sum, line) => sum + line.basePricePerItem * BigInt(line.count), 0n);
  const segmentAnswers = new Map<number, boolean>();
  const facts: OrderFacts = {
    channel: context.channel,
    endpoint: sent.endpoint,
    region: sent.region,
    currency: sent.currency,
    minorDigits: context.minorDigits,
    goodsTotal,
    totalPrice: sent.totalPrice,
    tags: sent.tags ?? [],
    customFields: customFieldFacts(sent.customFields, (id) => catalog.customFieldType('order', id)),
    lines: lineFacts,
    member: context.member,
    profileCustomFields: customFieldFacts(context.profileCustomFields, (id) => catalog.customFieldType('profile', id)),
    now: context.now,
    categories: catalog.categories as CategoryAncestry,
    inOrderSegment(segmentId) {
      let answer = segmentAnswers.get(segmentId);
      if (answer === undefined) {
        segmentAnswers.set(segmentId, false); // a segment naming itself does not loop
        answer = context.inOrderSegment(segmentId, facts);
        segmentAnswers.set(segmentId, answer);
      }
      return answer;
    },
    inProductSegment(segmentId, line) {
      const entry = entries.get(line);
      return entry !== undefined && catalog.inSegment(segmentId, entry);
    },
  };
  return { lines, facts };
}

function lineFactsOf(line: SentLine, entry: CatalogEntry | null, customFieldType: CustomFieldTypeLookup): LineFacts {
  const item = entry?.sku ?? entry?.product ?? null;
  const customFields: CustomFieldFacts = customFieldFacts(line.customFields, (id) => customFieldType('line_order', id));
  return {
    product: entry?.product.product ?? line.product ?? '',
    sku: entry?.sku?.sku ?? line.sku,
    categories: item?.categories ?? [],
    price: line.basePricePerItem,
    count: line.count,
    customFields,
  };
}
