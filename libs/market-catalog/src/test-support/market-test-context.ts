import type { Provider } from '@nestjs/common';
import { CLOCK, CreateAccount, PLATFORM_ENTITIES, SharedTestClock } from '@loyalty/platform';
import { PROFILE_ENTITIES, ProfilesModule } from '@loyalty/profiles';
import { createIntegrationContext, IntegrationContext } from '@loyalty/testing';
import { SalesChannel } from '../entities/sales-channel.entity';
import { Touchpoint } from '../entities/touchpoint.entity';
import { MarketCurrency } from '../entities/market-currency.entity';
import { Region } from '../entities/region.entity';
import { CustomField } from '../entities/custom-field.entity';
import { Category } from '../entities/category.entity';
import { CatalogItem } from '../entities/catalog-item.entity';
import { ProductSegment } from '../entities/product-segment.entity';
import { FeedSchedule } from '../entities/feed-schedule.entity';
import { MarketCatalogModule } from '../nest/market-catalog.module';

const MARKET_ENTITIES = [
  SalesChannel,
  Touchpoint,
  MarketCurrency,
  Region,
  CustomField,
  Category,
  CatalogItem,
  ProductSegment,
  FeedSchedule,
];

export const MARKET_TEST_NOW = new Date('2026-02-01T10:00:00.000Z');

/** The market catalog on a database of its own, the clock at MARKET_TEST_NOW, and two accounts. */
export interface MarketTestContext {
  ctx: IntegrationContext;
  accountId: number;
  otherAccountId: number;
  /** Runs `fn` as the first account, or as `account`. */
  as<T>(fn: () => Promise<T>, account?: number): Promise<T>;
  newAccount(name: string): Promise<number>;
}

export async function createMarketTestContext(
  label: string,
  options: { env?: Record<string, string>; providers?: Provider[] } = {},
): Promise<MarketTestContext> {
  const ctx = await createIntegrationContext({
    label,
    entities: [...PLATFORM_ENTITIES, ...PROFILE_ENTITIES, ...MARKET_ENTITIES],
    imports: [ProfilesModule, MarketCatalogModule],
    providers: options.providers,
    env: { TEST_CLOCK: 'true', ...options.env },
  });
  await ctx.get<SharedTestClock>(CLOCK).set(MARKET_TEST_NOW);
  const newAccount = async (name: string) =>
    (await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name }))).accountId;
  const accountId = await newAccount('Shop');
  const otherAccountId = await newAccount('Other');
  return {
    ctx,
    accountId,
    otherAccountId,
    as: (fn, account = accountId) => ctx.asAccount(account, fn),
    newAccount,
  };
}
