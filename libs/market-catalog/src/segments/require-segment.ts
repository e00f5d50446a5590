import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { ProductSegment } from '../entities/product-segment.entity';

/** The caller's segment, or 404 (another account's looks the same as none). */
export async function requireSegment(em: EntityManager, segmentId: number): Promise<ProductSegment> {
  const segment = await em.findOne(ProductSegment, { id: segmentId });
  if (!segment) throw DomainError.notFound(`Product segment ${segmentId}`);
  return segment;
}
