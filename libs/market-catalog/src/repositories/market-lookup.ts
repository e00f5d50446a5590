import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { ProfileDatabase } from '@loyalty/profiles';
import { MarketCurrency } from '../entities/market-currency.entity';
import { SalesChannel } from '../entities/sales-channel.entity';
import { Touchpoint } from '../entities/touchpoint.entity';

/** The account's currency `code` (error 18 at `path` when it was never created). */
export async function requireMarketCurrency(
  em: EntityManager,
  code: string,
  path = 'currency',
): Promise<MarketCurrency> {
  const currency = await em.findOne(MarketCurrency, { code });
  if (!currency) throw DomainError.unknownReference(path, `currency "${code}" is not one of the account's currencies`);
  return currency;
}

/** The touchpoint `externalId` with its sales channel (error 18 at `path` when unknown). */
export async function requireTouchpoint(
  em: EntityManager,
  externalId: string,
  path = 'endpoint',
): Promise<{ touchpoint: Touchpoint; channel: SalesChannel }> {
  const touchpoint = await em.findOne(Touchpoint, { externalId });
  if (!touchpoint) throw DomainError.unknownReference(path, `no touchpoint "${externalId}"`);
  const channel = await em.findOneOrFail(SalesChannel, { id: touchpoint.channel });
  return { touchpoint, channel };
}

/** The profile database a channel is bound to: a reference in the body (error 18 when missing or foreign). */
export async function requireDatabaseReference(em: EntityManager, dbId: number, path = 'db_id'): Promise<void> {
  const database = await em.findOne(ProfileDatabase, { id: dbId });
  if (!database) throw DomainError.unknownReference(path, `the account has no database ${dbId}`);
}

/** The sales channel `externalId` (error 18 at `path` when unknown). */
export async function requireChannelReference(em: EntityManager, externalId: string, path: string) {
  const channel = await em.findOne(SalesChannel, { externalId });
  if (!channel) throw DomainError.unknownReference(path, `no sales channel "${externalId}"`);
  return channel;
}

/**
 * Whether a profile database has catalog data: a sales channel bound to it. Checkout promotions and
 * preorders need one (error 17 otherwise, spec api.md §5.1).
 */
export async function hasSalesChannel(em: EntityManager, databaseId: number): Promise<boolean> {
  return (await em.count(SalesChannel, { database: databaseId })) > 0;
}
