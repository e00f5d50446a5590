import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { AccountContext, VersionedCache } from '@loyalty/platform';
import { LoyaltyProgram } from '../entities/loyalty-program.entity';
import { PointsCurrency } from '../entities/points-currency.entity';
import { Promotion } from '../entities/promotion.entity';
import { loadCustomFieldTypes } from '@loyalty/market-catalog';
import { OrderSegment } from '../entities/order-segment.entity';
import { Partner } from '../entities/partner.entity';
import { TierGroup } from '../entities/tier-group.entity';
import { ProgramConfig } from './program-config';

const MAX_PROGRAMS = 1_000;

/**
 * Program configurations cached in process (spec/quality.md §1: hot data is cached and invalidated
 * on change). Each use costs one indexed read of the program's `config_version`, which database
 * triggers move on every configuration change in any process; a snapshot is reloaded when its
 * version is behind. The snapshot's entities are read-only by convention.
 */
@Injectable()
export class ProgramConfigCache {
  private readonly snapshots = new VersionedCache<number, ProgramConfig>(MAX_PROGRAMS);

  /** The program's configuration (404 when the program is missing or another account's). */
  async get(em: EntityManager, programId: number): Promise<ProgramConfig> {
    const [row]: { config_version: string }[] = await em.execute(
      'select config_version from loyalty_programs where id = ? and account_id = ?',
      [programId, AccountContext.accountId()],
    );
    if (!row) throw DomainError.notFound(`Loyalty program ${programId}`);
    return this.at(em, programId, String(row.config_version));
  }

  /** The configuration at `version` (read from the database by the caller), reloaded if the cache is behind. */
  at(em: EntityManager, programId: number, version: string): Promise<ProgramConfig> {
    return this.snapshots.at(programId, version, () => this.load(em, programId));
  }

  /**
   * Reads the snapshot on the caller's connection and transaction (waiting for a second pool
   * connection while holding one could starve the pool), into an identity map of its own.
   */
  private async load(requestEm: EntityManager, programId: number): Promise<ProgramConfig> {
    const em = requestEm.fork({ clear: true, keepTransactionContext: true });
    const program = await em.findOneOrFail(LoyaltyProgram, { id: programId });
    const currencies = await em.find(PointsCurrency, { program: programId }, { orderBy: { id: 'asc' } });
    const promotions = await em.find(Promotion, { program: programId });
    const tierGroups = await em.find(TierGroup, { program: programId }, { orderBy: { id: 'asc' } });
    const partners = await em.find(Partner, { program: programId });
    const orderSegments = await em.find(OrderSegment, { program: programId });
    const customFieldType = await loadCustomFieldTypes(em);
    return new ProgramConfig(String(program.configVersion), program, currencies, promotions, {
      tierGroups,
      partners,
      orderSegments,
      customFieldType,
    });
  }
}
