import { EntityManager } from '@mikro-orm/postgresql';
import { Points } from '@loyalty/kernel';
import {
  AdjustPoints,
  CheckoutConfigModule,
  CreatePointsCurrency,
  CreateProgram,
  CreatePromotion,
  CreatePromotionInput,
  LOYALTY_ENTITIES,
  LoyaltyConfigurationModule,
  LoyaltyModule,
  readBalance,
  RegisterMember,
  requireMember,
  LoyaltyProgram,
  PointsCurrency,
} from '@loyalty/loyalty';
import {
  ImportCatalogItems,
  MARKET_CATALOG_ENTITIES,
  MarketCatalogModule,
  MarketCurrency,
  SalesChannel,
  Touchpoint,
} from '@loyalty/market-catalog';
import { CLOCK, CreateAccount, PLATFORM_ENTITIES, SharedTestClock } from '@loyalty/platform';
import { CreateDatabase, PROFILE_ENTITIES, ProfilesModule } from '@loyalty/profiles';
import { createIntegrationContext, IntegrationContext } from '@loyalty/testing';
import { CustomLineStatus } from '../../entities/custom-line-status.entity';
import { OrderLine } from '../../entities/order-line.entity';
import { OrderRefund } from '../../entities/order-refund.entity';
import { Order } from '../../entities/order.entity';
import { OrdersModule } from '../../nest/orders.module';
import type { CheckoutRequest } from '../domain/checkout-input';

export const CHECKOUT_NOW = new Date('2026-11-25T10:00:00.000Z');

/**
 * One account with a profile database, a sales channel (`online`) with the touchpoint `website`,
 * RUB, the products `p1`..`p5` at 100.00, an active program `club` (UTC) with the standard
 * currency `bonus` (point value 1.00) and a trigger promotion `manual` to move points.
 */
export interface CheckoutWorld {
  ctx: IntegrationContext;
  programId: number;
  as<T>(fn: () => Promise<T>): Promise<T>;
  /** Registers `email` as a member with `active` points. */
  member(email: string, active?: string): Promise<void>;
  promotion(input: Partial<CreatePromotionInput> & { external_id: string }): Promise<number>;
  /** A cart of `lines` (product, count) at 100.00 each from `website`. */
  cart(
    externalId: string,
    email: string | null,
    lines: Array<[string, number]>,
    data?: Record<string, unknown>,
  ): CheckoutRequest;
  activeBalance(email: string): Promise<string>;
  close(): Promise<void>;
}

export async function createCheckoutWorld(label: string): Promise<CheckoutWorld> {
  const ctx = await createIntegrationContext({
    label,
    entities: [
      ...PLATFORM_ENTITIES,
      ...PROFILE_ENTITIES,
      ...MARKET_CATALOG_ENTITIES,
      ...LOYALTY_ENTITIES,
      Order,
      OrderLine,
      OrderRefund,
      CustomLineStatus,
    ],
    imports: [
      ProfilesModule,
      MarketCatalogModule,
      LoyaltyModule,
      LoyaltyConfigurationModule,
      CheckoutConfigModule,
      OrdersModule,
    ],
    env: { TEST_CLOCK: 'true' },
  });
  await ctx.get<SharedTestClock>(CLOCK).set(CHECKOUT_NOW);
  const { accountId } = await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name: 'Shop', timezone: 'UTC' }));
  const as = <T>(fn: () => Promise<T>) => ctx.asAccount(accountId, fn);
  const dbId = (await as(() => ctx.get(CreateDatabase).execute('Customers'))).dbId;
  await as(async () => {
    const em = ctx.get(EntityManager).fork();
    const channel = em.create(SalesChannel, {
      account: accountId,
      externalId: 'online',
      name: 'Online',
      type: 'online',
      database: dbId,
      tags: [],
      createdAt: CHECKOUT_NOW,
      updatedAt: CHECKOUT_NOW,
    });
    await em.flush();
    em.create(Touchpoint, {
      account: accountId,
      channel: channel.id,
      externalId: 'website',
      name: 'Site',
      createdAt: CHECKOUT_NOW,
      updatedAt: CHECKOUT_NOW,
    });
    em.create(MarketCurrency, { account: accountId, code: 'RUB', minorDigits: 2, createdAt: CHECKOUT_NOW });
    await em.flush();
  });
  await as(() =>
    ctx.get(ImportCatalogItems).execute({
      data: ['p1', 'p2', 'p3', 'p4', 'p5'].map((id) => ({ external_id: id, name: id, price: '100.00' })),
    }),
  );
  const { programId } = await as(() =>
    ctx
      .get(CreateProgram)
      .execute({ name: 'Club', external_id: 'club', db_id: dbId, currency: 'RUB', timezone: 'UTC' }),
  );
  await as(() =>
    ctx
      .get(CreatePointsCurrency)
      .execute(programId, { name: 'Bonus', external_id: 'bonus', type: 'standard', point_value: '1.00' }),
  );
  const promotion = (input: Partial<CreatePromotionInput> & { external_id: string }) =>
    as(() =>
      ctx
        .get(CreatePromotion)
        .execute(programId, { name: input.external_id, is_active: true, type: 'discount', ...input }),
    ).then((created) => created.id);
  await promotion({ type: 'trigger', external_id: 'manual', accrual_rules: [{ points_currency_eid: 'bonus' }] });
  const person = (email: string) => ({ matching: 'email' as const, email });
  return {
    ctx,
    programId,
    as,
    promotion,
    member: async (email, active) => {
      await as(() => ctx.get(RegisterMember).execute({ programId, person: person(email) }));
      if (active) {
        await as(() =>
          ctx.get(AdjustPoints).execute({
            programId,
            person: person(email),
            points_currency_eid: 'bonus',
            amount: active,
            reason: 'fixture',
            fingerprint: `fixture-${email}`,
          }),
        );
      }
    },
    cart: (externalId, email, lines, data = {}) => ({
      external_id: externalId,
      ...(email ? person(email) : {}),
      data: {
        endpoint: 'website',
        currency: 'RUB',
        total_price: `${lines.reduce((sum, [, count]) => sum + count, 0) * 100}.00`,
        lines: lines.map(([product, count], index) => ({
          external_id: `l${index + 1}`,
          product,
          base_price_per_item: '100.00',
          count,
        })),
        ...data,
      },
    }),
    activeBalance: (email) =>
      as(async () => {
        const em = ctx.get(EntityManager).fork();
        const program = await em.findOneOrFail(LoyaltyProgram, { id: programId });
        const currency = await em.findOneOrFail(PointsCurrency, { program: programId, externalId: 'bonus' });
        const { member } = await requireMember(em, program, person(email));
        const balance = await readBalance(em, member, currency, CHECKOUT_NOW);
        return Points.format(balance.active);
      }),
    close: () => ctx.close(),
  };
}
