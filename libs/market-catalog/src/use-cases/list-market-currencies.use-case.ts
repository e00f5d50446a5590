import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type CountedPage, findPage, PageRequest } from '@loyalty/platform';
import { MarketCurrency } from '../entities/market-currency.entity';
import { currencyView, MarketCurrencyView } from '../views/settings-views';

/** `market/currencies/list`: ascending by id. */
@Injectable()
export class ListMarketCurrencies {
  constructor(private readonly em: EntityManager) {}

  async execute(page: PageRequest): Promise<CountedPage<MarketCurrencyView>> {
    const result = await findPage(this.em, MarketCurrency, {}, page);
    return {
      items: result.items.map(currencyView),
      nextFromId: result.nextFromId,
      totalCount: await this.em.count(MarketCurrency, {}),
    };
  }
}
