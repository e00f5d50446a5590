import type { EntityManager } from '@mikro-orm/postgresql';
import {
  buildCategoryAncestry,
  CategoryAncestry,
  compileProductCondition,
  CustomFieldTypeLookup,
  CustomFieldValueType,
} from '@loyalty/loyalty-engine';
import type { MinorDigits } from '@loyalty/kernel';
import type { SegmentEntity, SegmentKind } from '../entities/product-segment.entity';
import type { CartSegment } from './cart-catalog';

/**
 * What every cart of an account reads of its catalog besides the lines' items: the category tree,
 * the product segments (dynamic ones compiled), the custom field types and the currencies' minor
 * digits, at the account's `catalog_version` (moved by triggers on those tables).
 */
export interface CatalogStructure {
  version: string;
  categories: CategoryAncestry;
  segments: ReadonlyMap<number, CartSegment>;
  customFieldType: CustomFieldTypeLookup;
  digits: ReadonlyMap<string, MinorDigits>;
}

interface CatalogStructureRow {
  version: string;
  categories: Array<[string, string | null]>;
  segments: Array<{ id: string; entity: SegmentEntity; kind: SegmentKind; items: string[]; conditions: unknown }>;
  custom_fields: Array<[string, string, CustomFieldValueType]>;
  currencies: Array<[string, MinorDigits]>;
}

/** Where a cart gets its account's structure at a `catalog_version` (or later). */
export interface CatalogStructures {
  at(em: EntityManager, accountId: number, version: string): Promise<CatalogStructure>;
}

/** For rare paths (returns): the structure read from the database on every call. */
export const uncachedCatalogStructures: CatalogStructures = {
  at: (em, accountId) => loadCatalogStructure(em, accountId),
};

/** The structure and the version it is at, read in one statement (one snapshot). */
const CATALOG_STRUCTURE = `
select
  (select catalog_version from accounts where id = ?)::text as version,
  (select coalesce(jsonb_agg(jsonb_build_array(c.external_id, c.parent_external_id)), '[]'::jsonb)
   from market_categories c where c.account_id = ?) as categories,
  (select coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'entity', s.entity, 'kind', s.kind, 'items', s.items,
     'conditions', s.conditions)), '[]'::jsonb)
   from market_product_segments s where s.account_id = ?) as segments,
  (select coalesce(jsonb_agg(jsonb_build_array(f.entity_type, f.external_id, f.value_type)), '[]'::jsonb)
   from market_custom_fields f where f.account_id = ?) as custom_fields,
  (select coalesce(jsonb_agg(jsonb_build_array(m.code, m.minor_digits)), '[]'::jsonb)
   from market_currencies m where m.account_id = ?) as currencies`;

/** Reads and builds the account's catalog structure. */
export async function loadCatalogStructure(em: EntityManager, accountId: number): Promise<CatalogStructure> {
  const [row]: CatalogStructureRow[] = await em.execute(CATALOG_STRUCTURE, Array(5).fill(accountId));
  const fieldTypes = new Map(row.custom_fields.map(([entity, id, type]) => [`${entity}:${id}`, type]));
  const customFieldType: CustomFieldTypeLookup = (entity, id) => fieldTypes.get(`${entity}:${id}`);
  const segments = new Map<number, CartSegment>(
    row.segments.map((segment) => [
      Number(segment.id),
      {
        id: Number(segment.id),
        entity: segment.entity,
        items: new Set(segment.items),
        condition:
          segment.kind === 'dynamic'
            ? compileProductCondition(segment.conditions, { itemEntity: segment.entity, customFieldType })
            : null,
      },
    ]),
  );
  return {
    version: row.version,
    categories: buildCategoryAncestry(
      row.categories.map(([externalId, parentExternalId]) => ({ externalId, parentExternalId })),
    ),
    segments,
    customFieldType,
    digits: new Map(row.currencies),
  };
}
