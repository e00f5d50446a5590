import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { CLOCK, recordAudit } from '@loyalty/platform';
import { requireProgram } from '../../repositories/program-lookup';
import { CurrencyInput, resolveCurrencySettings } from '../domain/currency-settings';
import { requireOwnCurrency } from '../repositories/configuration-lookup';
import { currencyFields, currencySettings, currencyView, CurrencyView } from '../views/currency-view';
import { isSameDocument } from './same-document';

/**
 * `loyalty/points_currencies/update`: a partial patch. `type`, `external_id` and `precision` are
 * fixed at creation (error 1); the other settings apply to operations from now on (existing lots
 * keep their activation and expiry instants).
 */
@Injectable()
export class UpdatePointsCurrency {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(programId: number, currencyId: number, input: CurrencyInput): Promise<CurrencyView> {
    return this.em.transactional(async (em) => {
      const program = await requireProgram(em, programId);
      const currency = await requireOwnCurrency(em, program.id, currencyId);
      const current = currencySettings(currency);
      const settings = resolveCurrencySettings(input, current);
      if (isSameDocument(current, settings)) return currencyView(currency);
      const before = currencyView(currency);
      Object.assign(currency, currencyFields(settings), { updatedAt: this.clock.now() });
      await em.flush();
      const after = currencyView(currency);
      recordAudit(em, this.clock, {
        entityType: 'points_currency',
        entityId: currency.id,
        action: 'update',
        before,
        after,
      });
      return after;
    });
  }
}
