import { formatRfc3339 } from '@loyalty/kernel';
import type { OrderSegment } from '../../entities/order-segment.entity';

/** `loyalty/order_segments/get` (also an item of `list` and the audit snapshot). */
export interface OrderSegmentView {
  id: number;
  loyalty_program_id: number;
  name: string;
  conditions: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export function orderSegmentView(segment: OrderSegment): OrderSegmentView {
  return {
    id: segment.id,
    loyalty_program_id: segment.program,
    name: segment.name,
    conditions: segment.conditions,
    created_at: formatRfc3339(segment.createdAt),
    updated_at: formatRfc3339(segment.updatedAt),
  };
}
