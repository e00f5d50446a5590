import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { ProfileDatabase } from '@loyalty/profiles';
import { LoyaltyProgram } from '../../entities/loyalty-program.entity';
import { PointsCurrency } from '../../entities/points-currency.entity';
import { PromoCodeProgram } from '../../entities/promo-code-program.entity';
import { Promotion } from '../../entities/promotion.entity';
import { TierGroup } from '../../entities/tier-group.entity';
import { Tier } from '../../entities/tier.entity';
import type { RuleCurrency } from '../domain/trigger-rules';

/** The profile database a program is bound to: a reference in the body (error 18 when missing or foreign). */
export async function requireDatabaseReference(em: EntityManager, dbId: number): Promise<ProfileDatabase> {
  const database = await em.findOne(ProfileDatabase, { id: dbId });
  if (!database) {
    throw DomainError.unknownReference('db_id', `the account has no database ${dbId}`, 'unknown database');
  }
  return database;
}

/** Program external ids are unique per account (error 5). */
export async function ensureProgramExternalIdFree(em: EntityManager, externalId: string, exceptId?: number) {
  const taken = await em.findOne(LoyaltyProgram, { externalId, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
  if (taken) throw DomainError.conflict('external_id', `program ${taken.id} already has external_id "${externalId}"`);
}

/**
 * At most one active program per profile database (error 5). The partial unique index
 * `loyalty_programs_one_active_per_database` settles races between two requests: the loser's
 * insert or update fails with a unique violation, which the API answers as error 5 too.
 */
export async function ensureNoOtherActiveProgram(em: EntityManager, dbId: number, exceptId?: number) {
  const active = await em.findOne(LoyaltyProgram, {
    database: dbId,
    isActive: true,
    ...(exceptId ? { id: { $ne: exceptId } } : {}),
  });
  if (active) throw DomainError.conflict('is_active', `program ${active.id} is already active on database ${dbId}`);
}

/** Currency external ids are unique per program (error 5). */
export async function ensureCurrencyExternalIdFree(em: EntityManager, programId: number, externalId: string) {
  const taken = await em.findOne(PointsCurrency, { program: programId, externalId });
  if (taken) throw DomainError.conflict('external_id', `currency ${taken.id} already has external_id "${externalId}"`);
}

/** Promotion external ids are unique per program (error 5). */
export async function ensurePromotionExternalIdFree(
  em: EntityManager,
  programId: number,
  externalId: string,
  exceptId?: number,
) {
  const taken = await em.findOne(Promotion, {
    program: programId,
    externalId,
    ...(exceptId ? { id: { $ne: exceptId } } : {}),
  });
  if (taken) throw DomainError.conflict('external_id', `promotion ${taken.id} already has external_id "${externalId}"`);
}

/** The method's own currency (`points_currency_iid` in `points_currencies/update`): 404 when not in the program. */
export async function requireOwnCurrency(em: EntityManager, programId: number, id: number): Promise<PointsCurrency> {
  const currency = await em.findOne(PointsCurrency, { id, program: programId });
  if (!currency) throw DomainError.notFound(`Points currency ${id}`);
  return currency;
}

/** The method's own tier group: 404 when not in the program. */
export async function requireTierGroup(em: EntityManager, programId: number, id: number): Promise<TierGroup> {
  const group = await em.findOne(TierGroup, { id, program: programId });
  if (!group) throw DomainError.notFound(`Tier group ${id}`);
  return group;
}

/** The tiers of some groups, lowest first. */
export function tiersOf(em: EntityManager, groupIds: number[]): Promise<Tier[]> {
  if (groupIds.length === 0) return Promise.resolve([]);
  return em.find(Tier, { group: { $in: groupIds } }, { orderBy: { group: 'asc', tierOrder: 'asc' } });
}

/** Every currency of the program by external id, as trigger rules see them. */
export async function ruleCurrencies(em: EntityManager, programId: number): Promise<Map<string, RuleCurrency>> {
  const currencies = await em.find(PointsCurrency, { program: programId });
  return new Map(currencies.map((currency) => [currency.externalId, currency]));
}

/** External ids of currencies by id (for views that name a currency by its external id). */
export async function currencyEids(em: EntityManager, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const currencies = await em.find(PointsCurrency, { id: { $in: [...new Set(ids)] } });
  return new Map(currencies.map((currency) => [currency.id, currency.externalId]));
}

/** The promo-code program whose codes unlock a promotion: a reference in the body (error 18 when missing or foreign). */
export async function requirePromoCodeProgramReference(em: EntityManager, id: number | null): Promise<void> {
  if (id === null) return;
  const program = await em.findOne(PromoCodeProgram, { id });
  if (!program) {
    throw DomainError.unknownReference(
      'promo_code_program_id',
      `the account has no promo code program ${id}`,
      'unknown promo code program',
    );
  }
}
