import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { LoyaltyProgram } from '../entities/loyalty-program.entity';
import { PointsCurrency } from '../entities/points-currency.entity';
import { Promotion } from '../entities/promotion.entity';

/** The program a method is about: 404 when missing or another account's. */
export async function requireProgram(em: EntityManager, programId: number): Promise<LoyaltyProgram> {
  const program = await em.findOne(LoyaltyProgram, { id: programId });
  if (!program) throw DomainError.notFound(`Loyalty program ${programId}`);
  return program;
}

export interface CurrencyReference {
  points_currency_iid?: number | null;
  points_currency_eid?: string | null;
}

/** A currency named in the body by id or external id (error 18 when the program has no such currency). */
export async function requireCurrency(
  em: EntityManager,
  program: LoyaltyProgram,
  reference: CurrencyReference,
  path = 'points_currency_eid',
): Promise<PointsCurrency> {
  if (reference.points_currency_iid == null && reference.points_currency_eid == null) {
    throw DomainError.invalid(path, 'points_currency_iid or points_currency_eid is required');
  }
  const currency = await em.findOne(PointsCurrency, {
    program: program.id,
    ...(reference.points_currency_iid != null ? { id: reference.points_currency_iid } : {}),
    ...(reference.points_currency_eid != null ? { externalId: reference.points_currency_eid } : {}),
  });
  if (!currency) {
    const named = reference.points_currency_eid ?? reference.points_currency_iid;
    throw new DomainError('UNKNOWN_REFERENCE', `The program has no points currency ${named}`, {
      fields: [{ path, message: 'unknown points currency' }],
    });
  }
  return currency;
}

/**
 * A promotion named by its numeric id (a JSON number) or its external id (a string, never all
 * digits). `own` says whether it is the method's own subject (404) or a reference in the body (18).
 */
export async function findPromotion(
  em: EntityManager,
  programId: number,
  reference: number | string,
  role: 'own' | 'reference',
  path = 'promotion_id',
): Promise<Promotion> {
  const promotion = await em.findOne(Promotion, {
    program: programId,
    ...(typeof reference === 'number' ? { id: reference } : { externalId: reference }),
  });
  if (promotion) return promotion;
  if (role === 'own') throw DomainError.notFound(`Promotion ${reference}`);
  throw new DomainError('UNKNOWN_REFERENCE', `The program has no promotion ${reference}`, {
    fields: [{ path, message: 'unknown promotion' }],
  });
}
