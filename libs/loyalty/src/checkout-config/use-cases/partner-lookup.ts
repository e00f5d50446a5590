import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { Partner } from '../../entities/partner.entity';

/** The program's partner named by id (a number) or external id (a string); 404 otherwise. */
export async function requirePartner(
  em: EntityManager,
  programId: number,
  reference: number | string,
): Promise<Partner> {
  const where = typeof reference === 'number' ? { id: reference } : { externalId: reference };
  const partner = await em.findOne(Partner, { ...where, program: programId });
  if (!partner) throw DomainError.notFound(`Partner ${reference}`);
  return partner;
}

/** Partner external ids are unique per program (error 5). */
export async function ensurePartnerExternalIdFree(
  em: EntityManager,
  programId: number,
  externalId: string,
  exceptId?: number,
): Promise<void> {
  const taken = await em.findOne(Partner, {
    program: programId,
    externalId,
    ...(exceptId ? { id: { $ne: exceptId } } : {}),
  });
  if (taken) throw DomainError.conflict('external_id', `partner ${taken.id} already has external_id "${externalId}"`);
}
