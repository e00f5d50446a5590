import { EntityManager } from '@mikro-orm/postgresql';
import { Points } from '@loyalty/kernel';
import { CreateAccount, PLATFORM_ENTITIES } from '@loyalty/platform';
import { PROFILE_ENTITIES, ProfileDatabase, ProfilesModule } from '@loyalty/profiles';
import { createIntegrationContext, findLedgerViolations, IntegrationContext } from '@loyalty/testing';
import { MARKET_CATALOG_ENTITIES } from '@loyalty/market-catalog';
import { LOYALTY_ENTITIES } from '../entities/index';
import { LoyaltyProgram } from '../entities/loyalty-program.entity';
import { CurrencyType, PointsCurrency, ValidityUnit } from '../entities/points-currency.entity';
import { LimitPeriod, Promotion, TriggerRule } from '../entities/promotion.entity';
import { TierGroup, TierGroupType } from '../entities/tier-group.entity';
import { Tier } from '../entities/tier.entity';
import { LoyaltyModule } from '../nest/loyalty.module';

/**
 * Test data for the ledger's integration tests: an account, a database, a program, currencies and
 * trigger promotions written straight into the database (the configuration API has its own tests).
 */
export interface LoyaltyWorld {
  ctx: IntegrationContext;
  accountId: number;
  dbId: number;
  program: LoyaltyProgram;
  as<T>(fn: () => Promise<T>): Promise<T>;
  currency(spec: CurrencySpec): Promise<PointsCurrency>;
  triggerPromotion(spec: TriggerSpec): Promise<Promotion>;
  /** A tier group with its tiers (`[tier_eid, threshold]`, lowest first); answers their ids. */
  tierGroup(spec: TierGroupSpec): Promise<{ groupId: number; tierIds: number[] }>;
  /** Fails the test when the ledger breaks an invariant. */
  expectSoundLedger(): Promise<void>;
  close(): Promise<void>;
}

export interface CurrencySpec {
  externalId: string;
  type?: CurrencyType;
  initialBalance?: string;
  validity?: { unit: ValidityUnit; value: number } | null;
  activationDelayDays?: number;
  pointValue?: string;
  precision?: 0 | 2;
  allowNegative?: boolean;
}

export interface TierGroupSpec {
  currencyId: number;
  tiers: [string, string][];
  name?: string;
  type?: TierGroupType;
  reviewPeriodMonths?: number;
  reviewAnchorDate?: string;
  createdAt?: Date;
}

export interface TriggerSpec {
  externalId: string;
  accrual?: Partial<TriggerRule>[];
  redeem?: Partial<TriggerRule>[];
  isActive?: boolean;
  startDate?: Date | null;
  endDate?: Date | null;
  perMember?: number | null;
  perMemberPeriod?: LimitPeriod | null;
  totalUses?: number | null;
  budget?: string | null;
}

export async function createLoyaltyWorld(
  label: string,
  timezone = 'UTC',
  env: Record<string, string> = {},
): Promise<LoyaltyWorld> {
  const ctx = await createIntegrationContext({
    label,
    entities: [...PLATFORM_ENTITIES, ...PROFILE_ENTITIES, ...MARKET_CATALOG_ENTITIES, ...LOYALTY_ENTITIES],
    imports: [ProfilesModule, LoyaltyModule],
    env,
  });
  const accountId = (await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name: label, timezone }))).accountId;
  const as = <T>(fn: () => Promise<T>) => ctx.asAccount(accountId, fn);
  const { dbId, program } = await as(async () => {
    const em = ctx.get(EntityManager).fork();
    const now = new Date('2020-01-01T00:00:00.000Z');
    const db = em.create(ProfileDatabase, { account: accountId, name: 'Customers', createdAt: now });
    await em.flush();
    const created = em.create(LoyaltyProgram, {
      account: accountId,
      externalId: 'main',
      name: 'Main',
      database: db.id,
      timezone,
      currency: 'RUB',
      isActive: true,
      arbitration: { mode: 'priority', max_discount_percent: null },
      redemption: { enabled: true, max_share_percent: '100', min_redeem: '0.00', step: '0.01' },
      allowUnknownItems: false,
      expiryNoticeDays: [],
      activateOn: 'delay',
      releaseOnCancel: true,
      createdAt: now,
      updatedAt: now,
    });
    await em.flush();
    return { dbId: db.id, program: created };
  });
  return {
    ctx,
    accountId,
    dbId,
    program,
    as,
    currency: (spec) =>
      as(async () => {
        const em = ctx.get(EntityManager).fork();
        const currency = em.create(PointsCurrency, {
          account: accountId,
          program: program.id,
          externalId: spec.externalId,
          name: spec.externalId,
          type: spec.type ?? 'standard',
          initialBalance: Points.parse(spec.initialBalance ?? '0'),
          validityUnit: spec.validity?.unit ?? null,
          validityValue: spec.validity?.value ?? null,
          activationDelayDays: spec.activationDelayDays ?? 0,
          pointValue: spec.pointValue ?? '1.00',
          precision: spec.precision ?? 2,
          allowNegative: spec.allowNegative ?? false,
          createdAt: program.createdAt,
          updatedAt: program.createdAt,
        });
        await em.flush();
        return currency;
      }),
    tierGroup: (spec) =>
      as(async () => {
        const em = ctx.get(EntityManager).fork();
        const createdAt = spec.createdAt ?? program.createdAt;
        const group = em.create(TierGroup, {
          account: accountId,
          program: program.id,
          name: spec.name ?? 'Status',
          type: spec.type ?? 'cumulative',
          currency: spec.currencyId,
          reviewPeriodMonths: spec.reviewPeriodMonths ?? null,
          reviewAnchorDate: spec.reviewAnchorDate ?? null,
          createdAt,
          updatedAt: createdAt,
        });
        await em.flush();
        const tiers = spec.tiers.map(([tierEid, threshold], order) =>
          em.create(Tier, {
            account: accountId,
            group: group.id,
            tierEid,
            name: tierEid,
            threshold: Points.parse(threshold),
            tierOrder: order,
          }),
        );
        await em.flush();
        return { groupId: group.id, tierIds: tiers.map((tier) => tier.id) };
      }),
    triggerPromotion: (spec) =>
      as(async () => {
        const em = ctx.get(EntityManager).fork();
        const rule = (partial: Partial<TriggerRule>): TriggerRule => ({
          points_currency_eid: partial.points_currency_eid ?? 'bonus',
          static_amount: partial.static_amount ?? null,
          min_amount: partial.min_amount ?? null,
          max_amount: partial.max_amount ?? null,
        });
        const promotion = em.create(Promotion, {
          account: accountId,
          program: program.id,
          type: 'trigger',
          externalId: spec.externalId,
          name: spec.externalId,
          startDate: spec.startDate ?? null,
          endDate: spec.endDate ?? null,
          isActive: spec.isActive ?? true,
          priority: 0,
          stacking: 'combinable',
          limitPerMember: spec.perMember ?? null,
          limitPerMemberPeriod: spec.perMemberPeriod ?? null,
          limitTotalUses: spec.totalUses ?? null,
          limitBudget: spec.budget == null ? null : Points.parse(spec.budget),
          usesCount: 0,
          budgetUsed: 0n,
          returnPolicy: 'keep',
          rules: { accrual_rules: (spec.accrual ?? []).map(rule), redeem_rules: (spec.redeem ?? []).map(rule) },
          createdAt: program.createdAt,
          updatedAt: program.createdAt,
        });
        await em.flush();
        return promotion;
      }),
    expectSoundLedger: async () => {
      expect(await findLedgerViolations((sql) => ctx.em().execute(sql))).toEqual([]);
    },
    close: () => ctx.close(),
  };
}
