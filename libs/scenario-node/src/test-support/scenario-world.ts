import { EntityManager } from '@mikro-orm/postgresql';
import { Points } from '@loyalty/kernel';
import {
  LOYALTY_ENTITIES,
  LoyaltyProgram,
  PointsCurrency,
  Promotion,
  Tier,
  TierGroup,
  TriggerRule,
  ValidityUnit,
} from '@loyalty/loyalty';
import { MARKET_CATALOG_ENTITIES } from '@loyalty/market-catalog';
import { ActionHook, NOTIFICATION_ENTITIES } from '@loyalty/notifications';
import { CreateAccount, PLATFORM_ENTITIES } from '@loyalty/platform';
import { PROFILE_ENTITIES, ProfileDatabase, ProfilesModule } from '@loyalty/profiles';
import { createIntegrationContext, findLedgerViolations, IntegrationContext } from '@loyalty/testing';
import { SCENARIO_ENTITIES } from '../entities/index';
import { Scenario } from '../entities/scenario.entity';
import { ScenarioNodeModule } from '../nest/scenario-node.module';
import type { NodeContext, NodeResult, ScenarioNode } from '../node/scenario-node';

export const WORLD_ZONE = 'Europe/Moscow';
export const SCENARIO_SECRET = 'whsec_scenario_secret_for_tests';

/**
 * Test data for the nodes' integration tests: an account whose program runs in Moscow time, and
 * currencies, trigger promotions, tier groups, a scenario and hooks written straight into the
 * database (their own APIs have their own tests). `run` calls a node as the runtime does.
 */
export interface ScenarioWorld {
  ctx: IntegrationContext;
  accountId: number;
  program: LoyaltyProgram;
  scenarioId: number;
  as<T>(fn: () => Promise<T>): Promise<T>;
  currency(spec: {
    externalId: string;
    type?: 'standard' | 'qualification';
    initialBalance?: string;
    validity?: { unit: ValidityUnit; value: number };
  }): Promise<PointsCurrency>;
  triggerPromotion(spec: {
    externalId: string;
    accrual?: Partial<TriggerRule>[];
    redeem?: Partial<TriggerRule>[];
    perMember?: number;
  }): Promise<Promotion>;
  /** A cumulative tier group with its tiers (`[tier_eid, threshold]`, lowest first); answers its id. */
  tierGroup(currencyId: number, tiers: [string, string][]): Promise<number>;
  hook(url: string, secret: string, deleted?: boolean): Promise<number>;
  /** A node context of the world's scenario, at `now` unless given. */
  context(overrides: Partial<NodeContext>): NodeContext;
  /** In the account's context; in-transaction nodes inside `em.transactional`, as the runtime calls them. */
  run<A>(node: ScenarioNode<A>, context: NodeContext, args: A): Promise<NodeResult>;
  expectSoundLedger(): Promise<void>;
  close(): Promise<void>;
}

export async function createScenarioWorld(label: string): Promise<ScenarioWorld> {
  const ctx = await createIntegrationContext({
    label,
    entities: [
      ...PLATFORM_ENTITIES,
      ...PROFILE_ENTITIES,
      ...MARKET_CATALOG_ENTITIES,
      ...LOYALTY_ENTITIES,
      ...NOTIFICATION_ENTITIES,
      ...SCENARIO_ENTITIES,
    ],
    imports: [ProfilesModule, ScenarioNodeModule],
    env: { ALLOW_PRIVATE_URLS: 'true' },
  });
  const accountId = (await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name: label, timezone: WORLD_ZONE })))
    .accountId;
  const as = <T>(fn: () => Promise<T>) => ctx.asAccount(accountId, fn);
  const created = new Date('2020-01-01T00:00:00.000Z');
  const save = <T extends object>(make: (em: EntityManager) => T): Promise<T> =>
    as(async () => {
      const em = ctx.get(EntityManager).fork();
      const entity = make(em);
      await em.flush();
      return entity;
    });
  const database = await save((em) =>
    em.create(ProfileDatabase, { account: accountId, name: 'Customers', createdAt: created }),
  );
  const program = await save((em) =>
    em.create(LoyaltyProgram, {
      account: accountId,
      externalId: 'main',
      name: 'Main',
      database: database.id,
      timezone: WORLD_ZONE,
      currency: 'RUB',
      isActive: true,
      arbitration: { mode: 'priority', max_discount_percent: null },
      redemption: { enabled: true, max_share_percent: '100', min_redeem: '0.00', step: '0.01' },
      allowUnknownItems: false,
      expiryNoticeDays: [],
      activateOn: 'delay',
      releaseOnCancel: true,
      createdAt: created,
      updatedAt: created,
    }),
  );
  const scenario = await save((em) =>
    em.create(Scenario, {
      account: accountId,
      name: 'Welcome',
      triggerEvent: 'signup',
      nodes: [],
      edges: [],
      version: 1,
      isActive: true,
      webhookSecret: SCENARIO_SECRET,
      createdAt: created,
      updatedAt: created,
    }),
  );
  let runId = 0;
  return {
    ctx,
    accountId,
    program,
    scenarioId: scenario.id,
    as,
    currency: (spec) =>
      save((em) =>
        em.create(PointsCurrency, {
          account: accountId,
          program: program.id,
          externalId: spec.externalId,
          name: spec.externalId,
          type: spec.type ?? 'standard',
          initialBalance: Points.parse(spec.initialBalance ?? '0'),
          validityUnit: spec.validity?.unit ?? null,
          validityValue: spec.validity?.value ?? null,
          activationDelayDays: 0,
          pointValue: '1.00',
          precision: 2,
          allowNegative: false,
          createdAt: created,
          updatedAt: created,
        }),
      ),
    triggerPromotion: (spec) => {
      const rule = (partial: Partial<TriggerRule>): TriggerRule => ({
        points_currency_eid: partial.points_currency_eid ?? 'bonus',
        static_amount: partial.static_amount ?? null,
        min_amount: partial.min_amount ?? null,
        max_amount: partial.max_amount ?? null,
      });
      return save((em) =>
        em.create(Promotion, {
          account: accountId,
          program: program.id,
          type: 'trigger',
          externalId: spec.externalId,
          name: spec.externalId,
          startDate: null,
          endDate: null,
          isActive: true,
          priority: 0,
          stacking: 'combinable',
          limitPerMember: spec.perMember ?? null,
          limitPerMemberPeriod: null,
          limitTotalUses: null,
          limitBudget: null,
          usesCount: 0,
          budgetUsed: 0n,
          returnPolicy: 'keep',
          rules: { accrual_rules: (spec.accrual ?? []).map(rule), redeem_rules: (spec.redeem ?? []).map(rule) },
          createdAt: created,
          updatedAt: created,
        }),
      );
    },
    tierGroup: async (currencyId, tiers) => {
      const group = await save((em) =>
        em.create(TierGroup, {
          account: accountId,
          program: program.id,
          name: 'Status',
          type: 'cumulative',
          currency: currencyId,
          createdAt: created,
          updatedAt: created,
        }),
      );
      await save((em) =>
        tiers.map(([tierEid, threshold], order) =>
          em.create(Tier, {
            account: accountId,
            group: group.id,
            tierEid,
            name: tierEid,
            threshold: Points.parse(threshold),
            tierOrder: order,
          }),
        ),
      );
      return group.id;
    },
    hook: async (url, secret, deleted = false) =>
      (
        await save((em) =>
          em.create(ActionHook, {
            account: accountId,
            url,
            events: ['scenario.node_failed'],
            secret,
            createdAt: created,
            deletedAt: deleted ? created : null,
          }),
        )
      ).id,
    context: (overrides) => {
      runId += 1;
      return {
        accountId,
        scenarioId: scenario.id,
        runId,
        nodeId: 'node',
        step: 1,
        event: { event_id: `evt-${runId}`, event_name: 'signup', occurred_at: new Date().toISOString(), payload: {} },
        person: null,
        profileId: null,
        outputs: {},
        now: new Date(),
        effectKey: `run-${runId}-step-1`,
        ...overrides,
      };
    },
    run: (node, context, args) =>
      as(() =>
        node.runs === 'in-transaction'
          ? ctx.get(EntityManager).transactional(() => node.execute(context, args))
          : node.execute(context, args),
      ),
    expectSoundLedger: async () => {
      expect(await findLedgerViolations((sql) => ctx.em().execute(sql))).toEqual([]);
    },
    close: () => ctx.close(),
  };
}
