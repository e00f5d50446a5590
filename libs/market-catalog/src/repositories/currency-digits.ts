import type { EntityManager } from '@mikro-orm/postgresql';
import type { MinorDigits } from '@loyalty/kernel';
import { MarketCurrency } from '../entities/market-currency.entity';
import type { DigitsOf } from '../views/catalog-item-view';

/** The account's currencies: code → minor digits. */
export async function loadCurrencyDigitMap(em: EntityManager): Promise<Map<string, MinorDigits>> {
  const currencies = await em.find(MarketCurrency, {});
  return new Map(currencies.map((currency) => [currency.code, currency.minorDigits as MinorDigits]));
}

/** The account's currencies as a digits lookup (2 for an item without currency). */
export async function loadCurrencyDigits(em: EntityManager): Promise<DigitsOf> {
  const digits = await loadCurrencyDigitMap(em);
  return (code) => (code === null ? 2 : (digits.get(code) ?? 2));
}
