import { compileProductCondition, CustomFieldTypeLookup, ProductCondition } from '@loyalty/loyalty-engine';
import { DomainError } from '@loyalty/kernel';
import type { SegmentEntity, SegmentKind } from '../entities/product-segment.entity';
import { EXTERNAL_ID } from '../domain/catalog-row';

export const MAX_STATIC_SEGMENT_ITEMS = 10_000;

export interface SegmentDefinition {
  name: string;
  entity: SegmentEntity;
  kind: SegmentKind;
  items?: string[] | null;
  conditions?: unknown;
}

/**
 * A static segment lists external ids; a dynamic one has a condition tree over the product or SKU
 * fields (rules.md §6), validated here with the field paths of the request.
 */
export function checkSegmentDefinition(
  definition: SegmentDefinition,
  customFieldType: CustomFieldTypeLookup,
): { items: string[]; conditions: unknown; condition: ProductCondition | null } {
  if (definition.kind === 'static') {
    if (definition.conditions != null) throw DomainError.invalid('conditions', 'a static segment has no conditions');
    const items = definition.items ?? [];
    if (items.length > MAX_STATIC_SEGMENT_ITEMS) {
      throw DomainError.invalid('items', `at most ${MAX_STATIC_SEGMENT_ITEMS} items`);
    }
    items.forEach((item, index) => {
      if (typeof item !== 'string' || !EXTERNAL_ID.test(item)) {
        throw DomainError.invalid(`items[${index}]`, 'must be an external id');
      }
    });
    return { items: [...new Set(items)], conditions: null, condition: null };
  }
  if (definition.items != null && definition.items.length > 0) {
    throw DomainError.invalid('items', 'a dynamic segment has conditions, not items');
  }
  if (definition.conditions == null) throw DomainError.invalid('conditions', 'a dynamic segment needs conditions');
  const condition = compileProductCondition(definition.conditions, { itemEntity: definition.entity, customFieldType });
  return { items: [], conditions: definition.conditions, condition };
}
