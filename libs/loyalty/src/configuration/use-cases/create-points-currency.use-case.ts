import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { AccountContext, CLOCK, recordAudit } from '@loyalty/platform';
import { PointsCurrency } from '../../entities/points-currency.entity';
import { requireProgram } from '../../repositories/program-lookup';
import { CurrencyInput, resolveCurrencySettings } from '../domain/currency-settings';
import { ensureCurrencyExternalIdFree } from '../repositories/configuration-lookup';
import { currencyFields, currencyView } from '../views/currency-view';

/** `loyalty/points_currencies/create`: a standard or qualification currency of a program. */
@Injectable()
export class CreatePointsCurrency {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(programId: number, input: CurrencyInput): Promise<{ currencyId: number }> {
    return this.em.transactional(async (em) => {
      const program = await requireProgram(em, programId);
      const settings = resolveCurrencySettings(input, null);
      await ensureCurrencyExternalIdFree(em, program.id, settings.external_id);
      const now = this.clock.now();
      const currency = em.create(PointsCurrency, {
        account: AccountContext.accountId(),
        program: program.id,
        ...currencyFields(settings),
        createdAt: now,
        updatedAt: now,
      });
      await em.flush();
      recordAudit(em, this.clock, {
        entityType: 'points_currency',
        entityId: currency.id,
        action: 'create',
        after: currencyView(currency),
      });
      return { currencyId: currency.id };
    });
  }
}
