import { EntityManager } from '@mikro-orm/postgresql';
import type { MinorDigits } from '@loyalty/kernel';
import { MarketCurrency, SalesChannel, Touchpoint } from '@loyalty/market-catalog';
import { CLOCK, CreateAccount, PLATFORM_ENTITIES, SharedTestClock } from '@loyalty/platform';
import { ImportProfiles, PROFILE_ENTITIES, ProfileDatabase, ProfilesModule } from '@loyalty/profiles';
import { createIntegrationContext, IntegrationContext, rejectionOf } from '@loyalty/testing';
import { CustomLineStatus } from '../entities/custom-line-status.entity';
import { OrderLine } from '../entities/order-line.entity';
import { OrderRefund } from '../entities/order-refund.entity';
import { Order } from '../entities/order.entity';
import { OrdersModule } from '../nest/orders.module';
import type { OrderInput } from '../domain/order-input';

export const NOW = new Date('2026-11-25T12:00:00.000Z');

/**
 * Two accounts (the first in Moscow time), each with a profile database, a sales channel with the
 * touchpoint `website`, and the currencies RUB and JPY, written straight into the database (the
 * market settings have their own tests). The first account's database holds anna@example.com.
 */
export interface OrdersWorld {
  ctx: IntegrationContext;
  clock: SharedTestClock;
  accountId: number;
  otherAccountId: number;
  dbId: number;
  annaProfileId: string;
  as<T>(fn: () => Promise<T>): Promise<T>;
  asOther<T>(fn: () => Promise<T>): Promise<T>;
  /** The rows of the first account's order, read past the tenant filter. */
  rows(externalId: string): Promise<{ order: Order; lines: OrderLine[]; refunds: OrderRefund[] }>;
  customStatuses(): Promise<CustomLineStatus[]>;
  /** Turns an imported order into one "made by preorder_commit", with final prices for some lines. */
  markCommitted(externalId: string, finalPrices?: Record<string, bigint>): Promise<void>;
  close(): Promise<void>;
}

export async function createOrdersWorld(label: string): Promise<OrdersWorld> {
  const ctx = await createIntegrationContext({
    label,
    entities: [
      ...PLATFORM_ENTITIES,
      ...PROFILE_ENTITIES,
      SalesChannel,
      Touchpoint,
      MarketCurrency,
      Order,
      OrderLine,
      OrderRefund,
      CustomLineStatus,
    ],
    imports: [ProfilesModule, OrdersModule],
    env: { TEST_CLOCK: 'true' },
  });
  const clock = ctx.get<SharedTestClock>(CLOCK);
  await clock.set(NOW);
  const create = (name: string, timezone: string) =>
    ctx.inRequest(() => ctx.get(CreateAccount).execute({ name, timezone }));
  const accountId = (await create('Shop', 'Europe/Moscow')).accountId;
  const otherAccountId = (await create('Other', 'UTC')).accountId;
  const as = <T>(fn: () => Promise<T>) => ctx.asAccount(accountId, fn);
  const asOther = <T>(fn: () => Promise<T>) => ctx.asAccount(otherAccountId, fn);
  const dbId = await seedMarket(ctx, accountId);
  await seedMarket(ctx, otherAccountId);
  const imported = await as(() =>
    ctx.get(ImportProfiles).execute({ dbId, matching: 'email', items: [{ email: 'anna@example.com' }] }),
  );
  return {
    ctx,
    clock,
    accountId,
    otherAccountId,
    dbId,
    annaProfileId: imported.profileIds[0],
    as,
    asOther,
    rows: async (externalId) => {
      const em = ctx.em();
      const order = await em.findOneOrFail(Order, { account: accountId, externalId }, { filters: false });
      const lines = await em.find(OrderLine, { order: order.id }, { filters: false, orderBy: { position: 'asc' } });
      const refunds = await em.find(OrderRefund, { order: order.id }, { filters: false, orderBy: { id: 'asc' } });
      return { order, lines, refunds };
    },
    customStatuses: () =>
      ctx.em().find(CustomLineStatus, { account: accountId }, { filters: false, orderBy: { id: 'asc' } }),
    markCommitted: (externalId, finalPrices = {}) =>
      as(async () => {
        const em = ctx.em();
        const order = await em.findOneOrFail(Order, { externalId });
        order.origin = 'checkout';
        for (const line of await em.find(OrderLine, { order: order.id })) {
          line.finalPricePerItem = finalPrices[line.externalId] ?? line.finalPricePerItem;
        }
        await em.flush();
      }),
    close: () => ctx.close(),
  };
}

async function seedMarket(ctx: IntegrationContext, account: number): Promise<number> {
  const em = ctx.get(EntityManager).fork();
  const at = new Date('2026-01-01T00:00:00.000Z');
  const database = em.create(ProfileDatabase, { account, name: 'Customers', createdAt: at });
  await em.flush();
  const channel = em.create(SalesChannel, {
    account,
    externalId: 'web',
    name: 'Web',
    type: 'online',
    database: database.id,
    tags: [],
    createdAt: at,
    updatedAt: at,
  });
  await em.flush();
  em.create(Touchpoint, {
    account,
    channel: channel.id,
    externalId: 'website',
    name: 'Site',
    createdAt: at,
    updatedAt: at,
  });
  for (const [code, minorDigits] of [
    ['RUB', 2],
    ['JPY', 0],
  ] as [string, MinorDigits][]) {
    em.create(MarketCurrency, { account, code, minorDigits, createdAt: at });
  }
  await em.flush();
  return database.id;
}

/** An order object of 2 × 1100.00 + 1 × 300.00 + delivery 300.00 = 2800.00 RUB for anna@example.com. */
export function rubOrder(externalId: string, extra: Partial<OrderInput> = {}): OrderInput {
  return {
    external_id: externalId,
    email: 'Anna@Example.com',
    endpoint: 'website',
    status: 'new',
    currency: 'RUB',
    total_price: '2800.00',
    delivery_cost: '300.00',
    lines: [
      {
        external_id: 'line_1',
        product: 'iphone17',
        sku: 'iphone17-256-black',
        base_price_per_item: '1100.00',
        min_price_per_item: '500.00',
        count: 2,
      },
      { external_id: 'line_2', product: 'case', base_price_per_item: '300', final_price_per_item: '250.5', count: 1 },
    ],
    ...extra,
  };
}

/** The error of a promise that must fail. */
export const failureOf = rejectionOf;
