import { DomainError, MinorDigits, Money } from '@loyalty/kernel';
import type { OrderInput, OrderLineInput } from './order-input';
import type { LineEffect, OrderStatus } from './order-statuses';
import { parseOrderTime } from './order-time';

/** A line as sent, money in minor units; null marks an optional field that was not sent. */
export interface SentLine {
  position: number;
  externalId: string;
  product: string | null;
  sku: string | null;
  basePricePerItem: bigint;
  minPricePerItem: bigint | null;
  finalPricePerItem: bigint | null;
  count: number;
  status: string | null;
  customFields: Record<string, unknown> | null;
}

/** The order object as sent, checked and in minor units; null marks an optional field that was not sent. */
export interface SentOrder {
  externalId: string;
  endpoint: string;
  status: OrderStatus;
  currency: string;
  totalPrice: bigint;
  deliveryCost: bigint | null;
  region: string | null;
  tags: string[] | null;
  customFields: Record<string, unknown> | null;
  createTime: Date | null;
  updateTime: Date | null;
  lines: SentLine[] | null;
}

export interface DocumentContext {
  minorDigits: MinorDigits;
  /** The account's zone, for old-style times without an offset. */
  zone: string;
  /** A line status's effect, or null when it is neither built in nor declared. */
  lineEffect(status: string): LineEffect | null;
}

/**
 * Reads the order object of `market/orders/import`: money with the currency's minor digits,
 * times, and the lines (unique external ids, a product or SKU each, known statuses). Errors name
 * their path under `data`. Whether `total_price` adds up is `checkOrderTotal`'s job, once the
 * lines and delivery cost in force are known.
 */
export function readOrderDocument(data: OrderInput, context: DocumentContext): SentOrder {
  const money = (text: string, path: string) => Money.parse(text, context.minorDigits, path);
  const time = (text: string | null | undefined, path: string) =>
    text == null ? null : parseOrderTime(text, context.zone, path);
  return {
    externalId: data.external_id,
    endpoint: data.endpoint,
    status: data.status,
    currency: data.currency,
    totalPrice: money(data.total_price, 'data.total_price'),
    deliveryCost: data.delivery_cost == null ? null : money(data.delivery_cost, 'data.delivery_cost'),
    region: data.region ?? null,
    tags: data.tags ?? null,
    customFields: data.custom_fields ?? null,
    createTime: time(data.create_time, 'data.create_time'),
    updateTime: time(data.update_time, 'data.update_time'),
    lines: data.lines == null ? null : readLines(data.lines, context),
  };
}

function readLines(lines: readonly OrderLineInput[], context: DocumentContext): SentLine[] {
  const seen = new Set<string>();
  return lines.map((line, position) => {
    const path = `data.lines[${position}]`;
    const money = (text: string, field: string) => Money.parse(text, context.minorDigits, `${path}.${field}`);
    if (seen.has(line.external_id)) {
      throw DomainError.invalid(`${path}.external_id`, `"${line.external_id}" is already a line of this order`);
    }
    seen.add(line.external_id);
    if (line.product == null && line.sku == null) {
      throw DomainError.invalid(`${path}.product`, 'a line names a product, a sku or both');
    }
    if (line.status != null && context.lineEffect(line.status) === null) {
      throw DomainError.unknownReference(
        `${path}.status`,
        `"${line.status}" is neither a built-in nor a declared line status`,
      );
    }
    return {
      position,
      externalId: line.external_id,
      product: line.product ?? null,
      sku: line.sku ?? null,
      basePricePerItem: money(line.base_price_per_item, 'base_price_per_item'),
      minPricePerItem: line.min_price_per_item == null ? null : money(line.min_price_per_item, 'min_price_per_item'),
      finalPricePerItem:
        line.final_price_per_item == null ? null : money(line.final_price_per_item, 'final_price_per_item'),
      count: line.count,
      status: line.status ?? null,
      customFields: line.custom_fields ?? null,
    };
  });
}

/** `total_price` must be Σ base_price_per_item × count + delivery_cost (error 1 at `data.total_price`). */
export function checkOrderTotal(
  lines: readonly { basePricePerItem: bigint; count: number }[],
  deliveryCost: bigint,
  totalPrice: bigint,
  minorDigits: MinorDigits,
): void {
  const expected = lines.reduce((sum, line) => sum + line.basePricePerItem * BigInt(line.count), deliveryCost);
  if (expected !== totalPrice) {
    throw DomainError.invalid(
      'data.total_price',
      `must equal the sum of base_price_per_item × count plus delivery_cost, ${Money.format(expected, minorDigits)}`,
    );
  }
}
