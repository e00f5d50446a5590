import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, type Clock } from '@loyalty/kernel';
import { AccountContext, CLOCK, recordAudit } from '@loyalty/platform';
import { minorDigitsOfCurrency } from '../domain/currency-codes';
import { MarketCurrency } from '../entities/market-currency.entity';
import { currencyView } from '../views/settings-views';

/** `market/currencies/create`: an ISO 4217 currency; its minor digits come from the standard. */
@Injectable()
export class CreateMarketCurrency {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(input: { code: string }): Promise<{ id: number; minor_digits: number }> {
    return this.em.transactional(async (em) => {
      const minorDigits = minorDigitsOfCurrency(input.code);
      if (await em.findOne(MarketCurrency, { code: input.code })) {
        throw DomainError.conflict('code', `the currency ${input.code} exists`);
      }
      const currency = em.create(MarketCurrency, {
        account: AccountContext.accountId(),
        code: input.code,
        minorDigits,
        createdAt: this.clock.now(),
      });
      await em.flush();
      recordAudit(em, this.clock, {
        entityType: 'market_currency',
        entityId: currency.id,
        action: 'create',
        after: currencyView(currency),
      });
      return { id: currency.id, minor_digits: minorDigits };
    });
  }
}
