import { MARKET_CATALOG_ENTITIES } from '@loyalty/market-catalog';
import { AuditEntry, CLOCK, CreateAccount, PLATFORM_ENTITIES, SharedTestClock } from '@loyalty/platform';
import { CreateDatabase, ImportProfiles, PROFILE_ENTITIES, ProfilesModule } from '@loyalty/profiles';
import { createIntegrationContext, IntegrationContext, rejectionOf } from '@loyalty/testing';
import { LOYALTY_ENTITIES } from '../entities/index';
import { Member } from '../entities/member.entity';
import { PointsCurrency } from '../entities/points-currency.entity';
import { TierHistoryEntry } from '../entities/tier-history-entry.entity';
import { Tier } from '../entities/tier.entity';
import { LoyaltyConfigurationModule } from './loyalty-configuration.module';
import { CreatePointsCurrency } from './use-cases/create-points-currency.use-case';
import { CreateProgram } from './use-cases/create-program.use-case';
import { CreateTierGroup } from './use-cases/create-tier-group.use-case';
import { ListPointsCurrencies } from './use-cases/list-points-currencies.use-case';
import { ListTierGroups } from './use-cases/list-tier-groups.use-case';
import { UpdatePointsCurrency } from './use-cases/update-points-currency.use-case';
import { UpdateTierGroup } from './use-cases/update-tier-group.use-case';

describe('points currencies and tier groups (real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let clock: SharedTestClock;
  let accountId: number;
  let otherAccountId: number;
  let dbId: number;
  let programId: number;
  let otherProgramId: number;
  const as = <T>(fn: () => Promise<T>) => ctx.asAccount(accountId, fn);
  const failureOf = rejectionOf;
  const audit = (entityType: string, entityId: number) =>
    ctx.em().find(AuditEntry, { entityType, entityId: String(entityId) }, { filters: false, orderBy: { id: 'asc' } });
  const ladder = [
    { tier_eid: 'bronze', name: 'Bronze', threshold: '0' },
    { tier_eid: 'silver', name: 'Silver', threshold: '1000' },
    { tier_eid: 'gold', name: 'Gold', threshold: '5000' },
  ];

  beforeAll(async () => {
    ctx = await createIntegrationContext({
      label: 'loyalty-currencies',
      entities: [...PLATFORM_ENTITIES, ...PROFILE_ENTITIES, ...MARKET_CATALOG_ENTITIES, ...LOYALTY_ENTITIES],
      imports: [ProfilesModule, LoyaltyConfigurationModule],
      env: { TEST_CLOCK: 'true' },
    });
    clock = ctx.get(CLOCK);
    await clock.set(new Date('2026-02-01T10:00:00.000Z'));
    accountId = (await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name: 'Shop' }))).accountId;
    otherAccountId = (await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name: 'Other' }))).accountId;
    dbId = (await as(() => ctx.get(CreateDatabase).execute('Customers'))).dbId;
    const create = { name: 'Club', external_id: 'club', db_id: dbId, currency: 'EUR' };
    programId = (await as(() => ctx.get(CreateProgram).execute(create))).programId;
    otherProgramId = (
      await as(() => ctx.get(CreateProgram).execute({ ...create, external_id: 'b2b', is_active: false }))
    ).programId;
  });

  afterAll(() => ctx.close());

  describe('points currencies', () => {
    it('creates a currency with the defaults of spec §6, stored in hundredths, with an audit entry', async () => {
      const { currencyId } = await as(() =>
        ctx.get(CreatePointsCurrency).execute(programId, { name: 'Bonus', external_id: 'bonus', type: 'standard' }),
      );
      const page = await as(() => ctx.get(ListPointsCurrencies).execute(programId, {}));
      const view = {
        id: currencyId,
        loyalty_program_id: programId,
        name: 'Bonus',
        external_id: 'bonus',
        type: 'standard',
        initial_balance: '0.00',
        validity: null,
        activation_delay_days: 0,
        point_value: '1.00',
        precision: 2,
        allow_negative: false,
        created_at: '2026-02-01T10:00:00.000Z',
        updated_at: '2026-02-01T10:00:00.000Z',
      };
      expect(page).toEqual({ items: [view], nextFromId: null, totalCount: 1 });
      expect((await audit('points_currency', currencyId)).map((entry) => [entry.action, entry.after])).toEqual([
        ['create', view],
      ]);

      const { currencyId: whole } = await as(() =>
        ctx.get(CreatePointsCurrency).execute(programId, {
          name: 'Miles',
          external_id: 'miles',
          type: 'standard',
          precision: 0,
          initial_balance: '150',
          validity: { unit: 'month', value: 12 },
          activation_delay_days: 14,
          point_value: '0.5',
          allow_negative: true,
        }),
      );
      const row = await ctx.em().findOneOrFail(PointsCurrency, { id: whole }, { filters: false });
      expect(row).toMatchObject({
        initialBalance: 15000n,
        validityUnit: 'month',
        validityValue: 12,
        activationDelayDays: 14,
        pointValue: '0.50',
        precision: 0,
        allowNegative: true,
      });
    });

    it('keeps external ids unique per program (5) and checks amounts against the precision (1)', async () => {
      expect(
        await failureOf(
          as(() =>
            ctx.get(CreatePointsCurrency).execute(programId, { name: 'B', external_id: 'bonus', type: 'standard' }),
          ),
        ),
      ).toMatchObject({ code: 'CONFLICT', details: { fields: [{ path: 'external_id' }] } });
      const elsewhere = await as(() =>
        ctx.get(CreatePointsCurrency).execute(otherProgramId, { name: 'B', external_id: 'bonus', type: 'standard' }),
      );
      expect(elsewhere.currencyId).toBeGreaterThan(0);
      expect(
        await failureOf(
          as(() =>
            ctx.get(CreatePointsCurrency).execute(programId, {
              name: 'W',
              external_id: 'w',
              type: 'standard',
              precision: 0,
              initial_balance: '0.5',
            }),
          ),
        ),
      ).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'initial_balance' }] } });
    });

    it('updates a partial patch; type, external_id and precision never change', async () => {
      const miles = await ctx
        .em()
        .findOneOrFail(PointsCurrency, { externalId: 'miles', program: programId }, { filters: false });
      await clock.set(new Date('2026-02-02T00:00:00.000Z'));
      const updated = await as(() =>
        ctx.get(UpdatePointsCurrency).execute(programId, miles.id, {
          name: 'Air miles',
          validity: null,
          initial_balance: '200',
          type: 'standard',
        }),
      );
      expect(updated).toMatchObject({
        name: 'Air miles',
        validity: null,
        initial_balance: '200.00',
        activation_delay_days: 14,
        updated_at: '2026-02-02T00:00:00.000Z',
      });
      const entries = await audit('points_currency', miles.id);
      expect(entries.map((entry) => entry.action)).toEqual(['create', 'update']);
      expect(entries[1]).toMatchObject({
        before: { name: 'Miles', validity: { unit: 'month', value: 12 }, initial_balance: '150.00' },
        after: updated,
      });
      for (const [patch, path] of [
        [{ type: 'qualification' as const }, 'type'],
        [{ external_id: 'km' }, 'external_id'],
        [{ precision: 2 }, 'precision'],
      ] as const) {
        expect(
          await failureOf(as(() => ctx.get(UpdatePointsCurrency).execute(programId, miles.id, patch))),
        ).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: { fields: [{ path, message: 'cannot change after creation' }] },
        });
      }
      // the currency of another program is not this program's (404)
      expect(
        await failureOf(as(() => ctx.get(UpdatePointsCurrency).execute(otherProgramId, miles.id, { name: 'x' }))),
      ).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('pages by id and answers 404 for another account', async () => {
      const first = await as(() => ctx.get(ListPointsCurrencies).execute(programId, { limit: 1 }));
      expect([first.items.map((c) => c.external_id), first.totalCount]).toEqual([['bonus'], 2]);
      const next = await as(() =>
        ctx.get(ListPointsCurrencies).execute(programId, { fromId: first.nextFromId, limit: 1 }),
      );
      expect([next.items.map((c) => c.external_id), next.nextFromId]).toEqual([['miles'], null]);
      expect(
        await failureOf(ctx.asAccount(otherAccountId, () => ctx.get(ListPointsCurrencies).execute(programId, {}))),
      ).toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('tier groups', () => {
    let groupId: number;

    beforeAll(async () => {
      await as(() =>
        ctx
          .get(CreatePointsCurrency)
          .execute(programId, { name: 'Status points', external_id: 'qp', type: 'qualification' }),
      );
    });

    it('creates a group: tier_order from 0 by ascending threshold, thresholds in hundredths, an audit entry', async () => {
      const view = await as(() =>
        ctx.get(CreateTierGroup).execute(programId, {
          name: 'Status',
          tiers_group_type: 'cumulative',
          points_currency_eid: 'qp',
          tiers: ladder,
        }),
      );
      groupId = view.id;
      expect(view.tiers.map((tier) => [tier.tier_eid, tier.tier_order, tier.threshold])).toEqual([
        ['bronze', 0, '0.00'],
        ['silver', 1, '1000.00'],
        ['gold', 2, '5000.00'],
      ]);
      const rows = await ctx.em().find(Tier, { group: groupId }, { filters: false, orderBy: { tierOrder: 'asc' } });
      expect(rows.map((tier) => [tier.id, tier.threshold])).toEqual([
        [view.tiers[0].tier_id, 0n],
        [view.tiers[1].tier_id, 100000n],
        [view.tiers[2].tier_id, 500000n],
      ]);
      const listed = await as(() => ctx.get(ListTierGroups).execute(programId, {}));
      expect(listed).toEqual({ items: [view], nextFromId: null, totalCount: 1 });
      expect(view).toMatchObject({ points_currency_eid: 'qp', review: null, created_at: '2026-02-02T00:00:00.000Z' });
      expect((await audit('tier_group', groupId)).map((entry) => [entry.action, entry.after])).toEqual([
        ['create', view],
      ]);
    });

    it('refuses a standard currency (1), an unknown one (18), a bad ladder and a periodic group without review (1)', async () => {
      const body = { name: 'S', tiers_group_type: 'cumulative' as const, tiers: ladder };
      expect(
        await failureOf(
          as(() => ctx.get(CreateTierGroup).execute(programId, { ...body, points_currency_eid: 'bonus' })),
        ),
      ).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'points_currency_eid' }] } });
      expect(
        await failureOf(
          as(() => ctx.get(CreateTierGroup).execute(programId, { ...body, points_currency_eid: 'nope' })),
        ),
      ).toMatchObject({ code: 'UNKNOWN_REFERENCE', details: { fields: [{ path: 'points_currency_eid' }] } });
      expect(
        await failureOf(
          as(() =>
            ctx.get(CreateTierGroup).execute(programId, {
              ...body,
              points_currency_eid: 'qp',
              tiers: [ladder[0], ladder[2], ladder[1]],
            }),
          ),
        ),
      ).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'tiers[2].threshold' }] } });
      expect(
        await failureOf(
          as(() =>
            ctx
              .get(CreateTierGroup)
              .execute(programId, { ...body, points_currency_eid: 'qp', tiers_group_type: 'periodic' }),
          ),
        ),
      ).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'review' }] } });
      const periodic = await as(() =>
        ctx.get(CreateTierGroup).execute(programId, {
          ...body,
          points_currency_eid: 'qp',
          tiers_group_type: 'periodic',
          review: { period_months: 12, anchor_date: '2026-01-01' },
        }),
      );
      expect(periodic.review).toEqual({ period_months: 12, anchor_date: '2026-01-01' });
    });

    it('replaces the ladder keeping the ids of tiers that stay, and never removes a tier in members’ history', async () => {
      const before = (await as(() => ctx.get(ListTierGroups).execute(programId, {}))).items[0];
      const id = (eid: string) => before.tiers.find((tier) => tier.tier_eid === eid)?.tier_id;
      await clock.set(new Date('2026-02-03T00:00:00.000Z'));
      const updated = await as(() =>
        ctx.get(UpdateTierGroup).execute(programId, groupId, {
          name: 'Levels',
          tiers: [
            { tier_eid: 'bronze', name: 'Bronze', threshold: '0' },
            { tier_eid: 'gold', name: 'Gold', threshold: '3000' },
            { tier_eid: 'platinum', name: 'Platinum', threshold: '10000.50' },
          ],
        }),
      );
      expect(updated.tiers.map((tier) => [tier.tier_eid, tier.tier_order, tier.threshold])).toEqual([
        ['bronze', 0, '0.00'],
        ['gold', 1, '3000.00'],
        ['platinum', 2, '10000.50'],
      ]);
      expect(updated.tiers[0].tier_id).toBe(id('bronze'));
      expect(updated.tiers[1].tier_id).toBe(id('gold'));
      expect(before.tiers.map((tier) => tier.tier_id)).not.toContain(updated.tiers[2].tier_id);
      expect(await ctx.em().count(Tier, { group: groupId }, { filters: false })).toBe(3);
      expect(updated).toMatchObject({ name: 'Levels', updated_at: '2026-02-03T00:00:00.000Z' });
      const entries = await audit('tier_group', groupId);
      expect(entries.map((entry) => [entry.action, entry.before, entry.after])).toEqual([
        ['create', null, expect.anything()],
        ['update', before, updated],
      ]);

      // a member reached gold: gold can no longer be removed, but may be renamed and moved
      const [profileId] = (
        await as(() =>
          ctx.get(ImportProfiles).execute({ dbId, matching: 'email', items: [{ email: 'ann@example.com' }] }),
        )
      ).profileIds;
      await as(async () => {
        const em = ctx.em();
        const member = em.create(Member, {
          account: accountId,
          program: programId,
          profile: profileId,
          status: 'active',
          registeredAt: new Date('2026-02-03T00:00:00.000Z'),
        });
        await em.flush();
        em.create(TierHistoryEntry, {
          account: accountId,
          member: member.id,
          group: groupId,
          tier: updated.tiers[1].tier_id,
          reachedAt: new Date('2026-02-03T00:00:00.000Z'),
          recordedAt: new Date('2026-02-03T00:00:00.000Z'),
        });
        await em.flush();
      });
      expect(
        await failureOf(
          as(() => ctx.get(UpdateTierGroup).execute(programId, groupId, { tiers: [ladder[0], updated.tiers[2]] })),
        ),
      ).toMatchObject({ code: 'CONFLICT', details: { fields: [{ path: 'tiers' }] } });
      expect(await ctx.em().count(Tier, { group: groupId }, { filters: false })).toBe(3);
      const renamed = await as(() =>
        ctx.get(UpdateTierGroup).execute(programId, groupId, {
          tiers: [
            { tier_eid: 'bronze', name: 'Bronze', threshold: '0' },
            { tier_eid: 'gold', name: 'Golden', threshold: '4000' },
          ],
        }),
      );
      expect(renamed.tiers.map((tier) => [tier.tier_id, tier.name])).toEqual([
        [updated.tiers[0].tier_id, 'Bronze'],
        [updated.tiers[1].tier_id, 'Golden'],
      ]);
    });

    it('keeps the type and the currency; a patch that changes nothing writes nothing', async () => {
      expect(
        await failureOf(
          as(() => ctx.get(UpdateTierGroup).execute(programId, groupId, { tiers_group_type: 'periodic' })),
        ),
      ).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'tiers_group_type' }] } });
      expect(
        await failureOf(
          as(() => ctx.get(UpdateTierGroup).execute(programId, groupId, { points_currency_eid: 'bonus' })),
        ),
      ).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'points_currency_eid' }] } });
      const count = (await audit('tier_group', groupId)).length;
      await as(() =>
        ctx.get(UpdateTierGroup).execute(programId, groupId, { name: 'Levels', points_currency_eid: 'qp' }),
      );
      expect((await audit('tier_group', groupId)).length).toBe(count);
      expect(
        await failureOf(as(() => ctx.get(UpdateTierGroup).execute(programId, 999_999, { name: 'x' }))),
      ).toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});
