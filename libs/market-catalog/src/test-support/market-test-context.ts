import type { Provider } from '@nestjs/common';
import { CLOCK, CreateAccount, PLATFORM_ENTITIES, SharedTestClock } from '@loyalty/platform';
import { PROFILE_ENTITIES, ProfilesModule } from '@loyalty/profiles';
import { createIntegrationContext, IntegrationContext, rejectionOf } from '@loyalty/testing';
import { MARKET_CATALOG_ENTITIES } from '../index';
import { MarketCatalogModule } from '../nest/market-catalog.module';

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
    entities: [...PLATFORM_ENTITIES, ...PROFILE_ENTITIES, ...MARKET_CATALOG_ENTITIES],
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

/** A failure's code and field issues (fails the test when the promise resolves). */
export async function fieldFailureOf(promise: Promise<unknown>): Promise<{ code: string; fields: unknown }> {
  const error = await rejectionOf(promise);
  return { code: error.code, fields: error.details.fields };
}
