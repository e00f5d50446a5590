import { DomainError } from '@loyalty/kernel';
import type { SentLine, SentOrder } from './order-document';

/** What an import may not change on an order made by `preorder_commit`. */
export interface CommittedOrder {
  endpoint: string;
  currency: string;
  totalPrice: bigint;
  deliveryCost: bigint;
  region: string | null;
  lines: readonly CommittedLine[];
}

export interface CommittedLine {
  externalId: string;
  product: string | null;
  sku: string | null;
  basePricePerItem: bigint;
  minPricePerItem: bigint;
  finalPricePerItem: bigint | null;
  count: number;
  status: string;
}

const FIXED = 'cannot change on an order made by preorder_commit';

/**
 * An import of a committed order may change only `status`, `update_time`, `tags` and
 * `custom_fields` (spec api.md §5.3): every other field it sends must equal the committed one,
 * lines included when sent (in any order). The person and `create_time` are not compared: the
 * committed ones stay. Error 1 names the first field that differs.
 */
export function assertCheckoutImportKeeps(committed: CommittedOrder, sent: SentOrder): void {
  const differs = (path: string) => DomainError.invalid(path, FIXED);
  if (sent.endpoint !== committed.endpoint) throw differs('data.endpoint');
  if (sent.currency !== committed.currency) throw differs('data.currency');
  if (sent.totalPrice !== committed.totalPrice) throw differs('data.total_price');
  if (sent.deliveryCost !== null && sent.deliveryCost !== committed.deliveryCost) throw differs('data.delivery_cost');
  if (sent.region !== null && sent.region !== committed.region) throw differs('data.region');
  if (sent.lines === null) return;
  if (sent.lines.length !== committed.lines.length) {
    throw DomainError.invalid('data.lines', `must be the ${committed.lines.length} committed lines`);
  }
  const byExternalId = new Map(committed.lines.map((line) => [line.externalId, line]));
  for (const line of sent.lines) {
    const field = firstDifference(line, byExternalId.get(line.externalId));
    if (field) throw differs(`data.lines[${line.position}].${field}`);
  }
}

function firstDifference(sent: SentLine, committed: CommittedLine | undefined): string | null {
  if (!committed) return 'external_id';
  if (sent.product !== committed.product) return 'product';
  if (sent.sku !== committed.sku) return 'sku';
  if (sent.basePricePerItem !== committed.basePricePerItem) return 'base_price_per_item';
  if (sent.minPricePerItem !== null && sent.minPricePerItem !== committed.minPricePerItem) return 'min_price_per_item';
  if (sent.finalPricePerItem !== null && sent.finalPricePerItem !== committed.finalPricePerItem) {
    return 'final_price_per_item';
  }
  if (sent.count !== committed.count) return 'count';
  if (sent.status !== null && sent.status !== committed.status) return 'status';
  return null;
}
