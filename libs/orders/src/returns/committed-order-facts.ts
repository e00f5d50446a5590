import type { EntityManager } from '@mikro-orm/postgresql';
import { isDomainError, localDateParts } from '@loyalty/kernel';
import { MemberFacts, OrderFacts } from '@loyalty/loyalty-engine';
import { loadCheckoutBuyer, LoyaltyProgram, ProgramConfig } from '@loyalty/loyalty';
import { loadCartCatalog, requireTouchpoint, uncachedCatalogStructures } from '@loyalty/market-catalog';
import { buildCart } from '../checkout/domain/cart-facts';
import type { SentLine, SentOrder } from '../domain/order-document';
import type { OrderLine } from '../entities/order-line.entity';
import type { Order } from '../entities/order.entity';

/**
 * The condition facts of a committed order as its commit saw them (every unit), for promotions
 * with `return_policy: "reevaluate"`: the lines with today's catalog facts, the buyer's tiers and
 * the program-zone weekday and hour at the commit instant. The request body is not stored, so
 * what a later import may change (tags, custom fields) is read as it stands now; items the
 * catalog no longer has become lines without catalog facts rather than an error.
 */
export async function committedOrderFacts(
  em: EntityManager,
  config: ProgramConfig,
  order: Order,
  lines: readonly OrderLine[],
): Promise<OrderFacts> {
  const program = config.program as LoyaltyProgram;
  const checkout = config.checkout;
  const committedAt = order.createdAt;
  const sentLines: SentLine[] = lines.map((line) => ({
    position: line.position,
    externalId: line.externalId,
    product: line.product,
    sku: line.sku,
    basePricePerItem: line.basePricePerItem,
    minPricePerItem: line.minPricePerItem,
    finalPricePerItem: line.finalPricePerItem,
    count: line.count,
    status: line.status,
    customFields: line.customFields,
  }));
  const sent: SentOrder & { lines: SentLine[] } = {
    externalId: order.externalId,
    endpoint: order.endpoint,
    status: order.status,
    currency: order.currency,
    totalPrice: order.totalPrice,
    deliveryCost: order.deliveryCost,
    region: order.region,
    tags: order.tags,
    customFields: order.customFields,
    createTime: order.createTime,
    updateTime: order.updateTime,
    lines: sentLines,
  };
  const catalog = await loadCartCatalog(em, sentLines, uncachedCatalogStructures);
  const buyer = order.profileId
    ? await loadCheckoutBuyer(
        em,
        program,
        config.tierGroups,
        { kind: 'profile_id', profileId: order.profileId },
        committedAt,
      )
    : null;
  const member: MemberFacts | null = buyer?.member
    ? { tiers: new Set(buyer.member.tiers.map((tier) => tier.tierEid)), registeredDays: buyer.member.registeredDays }
    : null;
  const local = localDateParts(committedAt, program.timezone);
  return buildCart(sent, {
    catalog,
    allowUnknownItems: true,
    channel: await channelOf(em, order.endpoint),
    minorDigits: checkout.minorDigits,
    member,
    profileCustomFields: buyer?.profileCustomFields ?? {},
    now: { weekday: local.weekday, hour: local.hour },
    inOrderSegment: (segmentId, facts) => checkout.orderSegments.get(segmentId)?.evaluate(facts).matches ?? false,
  }).facts;
}

/** The sales channel of the order's touchpoint; null when the touchpoint is gone. */
async function channelOf(em: EntityManager, endpoint: string): Promise<string | null> {
  try {
    return (await requireTouchpoint(em, endpoint)).channel.externalId;
  } catch (error) {
    if (isDomainError(error)) return null;
    throw error;
  }
}
