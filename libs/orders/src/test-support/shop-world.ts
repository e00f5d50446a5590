import { EntityManager } from '@mikro-orm/postgresql';
import { Money, Points } from '@loyalty/kernel';
import {
  AccruePoints,
  CheckoutConfigModule,
  CreatePointsCurrency,
  CreateProgram,
  CreatePromotion,
  CreatePromotionInput,
  CurrencyInput,
  LOYALTY_ENTITIES,
  LoyaltyConfigurationModule,
  LoyaltyModule,
  ProgramInput,
  RedeemPoints,
  RegisterMember,
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
import {
  createIntegrationContext,
  findLedgerViolations,
  InvariantViolation,
  IntegrationContext,
} from '@loyalty/testing';
import type { CheckoutRequest } from '../checkout/domain/checkout-input';
import { CommitAnswer, CommitPreorder } from '../checkout/use-cases/commit-preorder.use-case';
import type { OrderStatus } from '../domain/order-statuses';
import { CustomLineStatus } from '../entities/custom-line-status.entity';
import { OrderLine } from '../entities/order-line.entity';
import { OrderRefund } from '../entities/order-refund.entity';
import { Order } from '../entities/order.entity';
import { OrdersModule } from '../nest/orders.module';
import { GetOrder } from '../use-cases/get-order.use-case';
import { ImportOrder } from '../use-cases/import-order.use-case';
import { UpdateOrderLineStatus } from '../use-cases/update-order-line-status.use-case';
import type { LineStatusChangeView } from '../views/line-return-view';
import type { OrderView } from '../views/order-view';

export const SHOP_NOW = new Date('2026-11-25T10:00:00.000Z');

export interface ShopOptions {
  program?: Partial<ProgramInput>;
  currency?: Partial<CurrencyInput>;
  /** Products at their prices (decimal text). */
  products?: Record<string, string>;
}

/** One account with its own program, so each scenario has its own settings. */
export interface Shop {
  accountId: number;
  programId: number;
  as<T>(fn: () => Promise<T>): Promise<T>;
  promotion(input: Partial<CreatePromotionInput> & { external_id: string }): Promise<number>;
  /** Registers `email` and gives them `active` points, active since an hour before now. */
  member(email: string, active?: string): Promise<void>;
  /** Accrues points through the trigger promotion, with explicit dates. */
  accrue(email: string, amount: string, dates: { activationDate?: string; expirationDate?: string }): Promise<void>;
  /** Spends points through the trigger promotion (a redemption of `amount`). */
  spend(email: string, amount: string): Promise<void>;
  /** A cart from `website` of `lines` (product, count) at 100.00 each; `email` null for an anonymous buyer. */
  cart(
    externalId: string,
    email: string | null,
    lines: Array<[string, number]>,
    data?: Record<string, unknown>,
  ): CheckoutRequest;
  commit(request: CheckoutRequest): Promise<CommitAnswer>;
  setLineStatus(order: string, line: string, status: string, count?: number): Promise<LineStatusChangeView>;
  /** Imports the committed order again with another status (lines left out). */
  importStatus(order: string, status: OrderStatus): Promise<void>;
  get(order: string): Promise<OrderView>;
  /** The member's cached balance in `bonus` (the ledger's rows, settled by the last write). */
  account(email: string): Promise<{ active: string; pending: string; held: string; debt: string }>;
  /** The member's transactions in `bonus`, oldest first. */
  transactions(email: string): Promise<TransactionRowView[]>;
  rows(order: string): Promise<{ order: Order; lines: OrderLine[]; refunds: OrderRefund[] }>;
  promotionCounters(id: number): Promise<{ uses: number; budgetUsed: string; memberUses: number }>;
  outbox(eventType: string): Promise<Array<Record<string, unknown>>>;
}

export interface TransactionRowView {
  id: number;
  type: string;
  status: string;
  amount: string;
  related: number | null;
  /** `source_type:source_iid` (`order:42`), null without a source. */
  source: string | null;
  externalData: Record<string, unknown> | null;
}

export interface ShopWorld {
  ctx: IntegrationContext;
  clock: SharedTestClock;
  shop(name: string, options?: ShopOptions): Promise<Shop>;
  violations(): Promise<InvariantViolation[]>;
  close(): Promise<void>;
}

export async function createShopWorld(label: string): Promise<ShopWorld> {
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
  const clock = ctx.get<SharedTestClock>(CLOCK);
  await clock.set(SHOP_NOW);
  return {
    ctx,
    clock,
    shop: (name, options = {}) => createShop(ctx, name, options),
    violations: () => findLedgerViolations((sql) => ctx.get(EntityManager).fork().execute(sql)),
    close: () => ctx.close(),
  };
}

async function createShop(ctx: IntegrationContext, name: string, options: ShopOptions): Promise<Shop> {
  const { accountId } = await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name, timezone: 'UTC' }));
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
      createdAt: SHOP_NOW,
      updatedAt: SHOP_NOW,
    });
    await em.flush();
    em.create(Touchpoint, {
      account: accountId,
      channel: channel.id,
      externalId: 'website',
      name: 'Site',
      createdAt: SHOP_NOW,
      updatedAt: SHOP_NOW,
    });
    em.create(MarketCurrency, { account: accountId, code: 'RUB', minorDigits: 2, createdAt: SHOP_NOW });
    await em.flush();
  });
  const products = options.products ?? { p1: '100.00' };
  await as(() =>
    ctx.get(ImportCatalogItems).execute({
      data: Object.entries(products).map(([id, price]) => ({ external_id: id, name: id, price })),
    }),
  );
  const { programId } = await as(() =>
    ctx.get(CreateProgram).execute({
      name: 'Club',
      external_id: 'club',
      db_id: dbId,
      currency: 'RUB',
      timezone: 'UTC',
      ...options.program,
    }),
  );
  await as(() =>
    ctx.get(CreatePointsCurrency).execute(programId, {
      name: 'Bonus',
      external_id: 'bonus',
      type: 'standard',
      point_value: '1.00',
      ...options.currency,
    }),
  );
  const promotion = (input: Partial<CreatePromotionInput> & { external_id: string }) =>
    as(() =>
      ctx
        .get(CreatePromotion)
        .execute(programId, { name: input.external_id, is_active: true, type: 'discount', ...input }),
    ).then((created) => created.id);
  await promotion({
    type: 'trigger',
    external_id: 'manual',
    accrual_rules: [{ points_currency_eid: 'bonus' }],
    redeem_rules: [{ points_currency_eid: 'bonus' }],
  });
  const person = (email: string) => ({ matching: 'email' as const, email });
  const raw = <T>(sql: string, params: unknown[]): Promise<T[]> => ctx.get(EntityManager).fork().execute(sql, params);
  const memberId = async (email: string) => {
    const [row] = await raw<{ id: string }>(
      `select m.id from members m join profiles p on p.id = m.profile_id
        where m.program_id = ? and p.email = ? and m.status = 'active'`,
      [programId, email],
    );
    return Number(row.id);
  };
  return {
    accountId,
    programId,
    as,
    promotion,
    member: async (email, active) => {
      await as(() => ctx.get(RegisterMember).execute({ programId, person: person(email) }));
      if (!active) return;
      const now = ctx.get<SharedTestClock>(CLOCK).now();
      await as(() =>
        ctx.get(AccruePoints).execute({
          programId,
          person: person(email),
          promotion: 'manual',
          points_currency_eid: 'bonus',
          amount: active,
          activationDate: new Date(now.getTime() - 3_600_000).toISOString(),
          fingerprint: `fixture-${email}-${active}`,
        }),
      );
    },
    accrue: (email, amount, dates) =>
      as(() =>
        ctx.get(AccruePoints).execute({
          programId,
          person: person(email),
          promotion: 'manual',
          points_currency_eid: 'bonus',
          amount,
          ...dates,
          fingerprint: `accrue-${email}-${amount}-${JSON.stringify(dates)}`,
        }),
      ).then(() => undefined),
    spend: (email, amount) =>
      as(() =>
        ctx.get(RedeemPoints).execute({
          programId,
          person: person(email),
          promotion: 'manual',
          points_currency_eid: 'bonus',
          amount,
          fingerprint: `spend-${email}-${amount}`,
        }),
      ).then(() => undefined),
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
    commit: (request) => as(() => ctx.get(CommitPreorder).execute(request)),
    setLineStatus: (order, line, status, count) =>
      as(() =>
        ctx.get(UpdateOrderLineStatus).execute({
          order_external_id: order,
          order_line_external_id: line,
          status_external_id: status,
          count,
        }),
      ),
    importStatus: async (externalId, status) => {
      const order = await as(() => ctx.get(EntityManager).fork().findOneOrFail(Order, { externalId }));
      await as(() =>
        ctx.get(ImportOrder).execute({
          data: {
            external_id: externalId,
            endpoint: order.endpoint,
            status,
            currency: order.currency,
            total_price: Money.format(order.totalPrice, 2),
          },
        }),
      );
    },
    get: (order) => as(() => ctx.get(GetOrder).execute(order)),
    account: async (email) => {
      const [row] = await raw<Record<string, string>>(
        `select a.active, a.pending, a.held, a.debt from points_accounts a
           join points_currencies c on c.id = a.currency_id
          where a.member_id = ? and c.external_id = 'bonus'`,
        [await memberId(email)],
      );
      return {
        active: Points.format(BigInt(row['active'])),
        pending: Points.format(BigInt(row['pending'])),
        held: Points.format(BigInt(row['held'])),
        debt: Points.format(BigInt(row['debt'])),
      };
    },
    transactions: async (email) =>
      (
        await raw<Record<string, unknown>>(
          `select t.id, t.type, t.status, t.amount, t.related_transaction, t.source_type, t.source_iid, t.external_data
             from points_transactions t where t.member_id = ? order by t.id`,
          [await memberId(email)],
        )
      ).map((row) => ({
        id: Number(row['id']),
        type: row['type'] as string,
        status: row['status'] as string,
        amount: Points.format(BigInt(row['amount'] as string)),
        related: row['related_transaction'] == null ? null : Number(row['related_transaction']),
        source: row['source_type'] == null ? null : `${row['source_type'] as string}:${row['source_iid'] as string}`,
        externalData: (row['external_data'] as Record<string, unknown> | null) ?? null,
      })),
    rows: async (externalId) => {
      const em = ctx.get(EntityManager).fork();
      const order = await em.findOneOrFail(Order, { account: accountId, externalId }, { filters: false });
      const lines = await em.find(OrderLine, { order: order.id }, { filters: false, orderBy: { position: 'asc' } });
      const refunds = await em.find(OrderRefund, { order: order.id }, { filters: false, orderBy: { id: 'asc' } });
      return { order, lines, refunds };
    },
    promotionCounters: async (id) => {
      const [row] = await raw<Record<string, string>>(
        `select p.uses_count, p.budget_used,
                coalesce((select sum(u.uses) from promotion_member_uses u where u.promotion_id = p.id), 0) as member_uses
           from promotions p where p.id = ?`,
        [id],
      );
      return {
        uses: Number(row['uses_count']),
        budgetUsed: row['budget_used'],
        memberUses: Number(row['member_uses']),
      };
    },
    outbox: async (eventType) =>
      (
        await raw<{ payload: Record<string, unknown> }>(
          'select payload from outbox_events where account_id = ? and event_type = ? order by id',
          [accountId, eventType],
        )
      ).map((row) => row.payload),
  };
}
