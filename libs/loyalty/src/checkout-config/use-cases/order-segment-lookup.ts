import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { OrderSegment } from '../../entities/order-segment.entity';

/** The program's order segment `segmentId` (404 when missing, another program's or another account's). */
export async function requireOrderSegment(
  em: EntityManager,
  programId: number,
  segmentId: number,
): Promise<OrderSegment> {
  const segment = await em.findOne(OrderSegment, { id: segmentId, program: programId });
  if (!segment) throw DomainError.notFound(`Order segment ${segmentId}`);
  return segment;
}
