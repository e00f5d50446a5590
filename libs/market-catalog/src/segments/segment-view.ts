import { formatRfc3339 } from '@loyalty/kernel';
import type { ProductSegment } from '../entities/product-segment.entity';

export function segmentView(segment: ProductSegment) {
  return {
    id: segment.id,
    name: segment.name,
    entity: segment.entity,
    kind: segment.kind,
    items: segment.items,
    conditions: segment.conditions,
    created_at: formatRfc3339(segment.createdAt),
    updated_at: formatRfc3339(segment.updatedAt),
  };
}
export type SegmentView = ReturnType<typeof segmentView>;
