import { CatalogItemFacts, CategoryAncestry, CustomFieldTypeLookup, ProductCondition } from '@loyalty/loyalty-engine';
import type { SegmentEntity } from '../entities/product-segment.entity';

/** A cart line's catalog entry: the product, the SKU when the line names one, as condition facts. */
export interface CatalogEntry {
  product: CatalogItemFacts;
  sku: CatalogItemFacts | null;
}

export interface CartSegment {
  id: number;
  entity: SegmentEntity;
  /** Static segments: the listed external ids. */
  items: ReadonlySet<string>;
  /** Dynamic segments: the compiled tree. */
  condition: ProductCondition | null;
}

/**
 * What the checkout needs of the catalog for one cart, loaded in one round trip: the lines' items,
 * the category tree, the product segments and the custom field types. Pure from here on.
 */
export class CartCatalog {
  constructor(
    private readonly products: ReadonlyMap<string, CatalogItemFacts>,
    private readonly skus: ReadonlyMap<string, CatalogItemFacts>,
    readonly categories: CategoryAncestry,
    private readonly segments: ReadonlyMap<number, CartSegment>,
    readonly customFieldType: CustomFieldTypeLookup,
  ) {}

  /**
   * The entry a line names: by SKU (its product comes along), or by product. Null when the catalog
   * has no live item for it, or when the SKU belongs to another product than the line says.
   */
  entry(line: { product?: string | null; sku?: string | null }): CatalogEntry | null {
    if (line.sku) {
      const sku = this.skus.get(line.sku);
      if (!sku || (line.product && line.product !== sku.product)) return null;
      const product = this.products.get(sku.product);
      return product ? { product, sku } : null;
    }
    const product = line.product ? this.products.get(line.product) : undefined;
    return product ? { product, sku: null } : null;
  }

  /** `line.product_segment`: a product segment asks about the product, a SKU segment about the SKU. */
  inSegment(segmentId: number, entry: CatalogEntry): boolean {
    const segment = this.segments.get(segmentId);
    if (!segment) return false;
    const facts = segment.entity === 'product' ? entry.product : entry.sku;
    if (!facts) return false;
    if (segment.condition) return segment.condition.matches(facts, this.categories);
    return segment.items.has(segment.entity === 'product' ? facts.product : (facts.sku as string));
  }

  hasSegment(segmentId: number): boolean {
    return this.segments.has(segmentId);
  }
}
