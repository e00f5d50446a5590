import { MARKET_CATALOG_ENTITIES, SalesChannel } from '@loyalty/market-catalog';
import { AuditEntry, CLOCK, CreateAccount, PLATFORM_ENTITIES, SharedTestClock } from '@loyalty/platform';
import { CreateDatabase, PROFILE_ENTITIES, ProfilesModule } from '@loyalty/profiles';
import { createIntegrationContext, IntegrationContext, rejectionOf } from '@loyalty/testing';
import { LOYALTY_ENTITIES } from '../entities/index';
import { PromoCodesModule } from '../promo-codes/promo-codes.module';
import { CreatePromoCodeProgram } from '../promo-codes/use-cases/create-promo-code-program.use-case';
import { Promotion } from '../entities/promotion.entity';
import { LoyaltyConfigurationModule } from './loyalty-configuration.module';
import { ActivatePromotion } from './use-cases/activate-promotion.use-case';
import { CreatePointsCurrency } from './use-cases/create-points-currency.use-case';
import { CreateProgram } from './use-cases/create-program.use-case';
import { CreatePromotion, CreatePromotionInput } from './use-cases/create-promotion.use-case';
import { DeactivatePromotion } from './use-cases/deactivate-promotion.use-case';
import { GetPromotion } from './use-cases/get-promotion.use-case';
import { ListPromotions } from './use-cases/list-promotions.use-case';
import { ListTriggerPromotions } from './use-cases/list-trigger-promotions.use-case';
import { UpdatePromotion } from './use-cases/update-promotion.use-case';

describe('promotions (real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let clock: SharedTestClock;
  let accountId: number;
  let otherAccountId: number;
  let programId: number;
  let birthdayId: number;
  const as = <T>(fn: () => Promise<T>) => ctx.asAccount(accountId, fn);
  const failureOf = rejectionOf;
  const audit = (entityId: number) =>
    ctx
      .em()
      .find(
        AuditEntry,
        { entityType: 'promotion', entityId: String(entityId) },
        { filters: false, orderBy: { id: 'asc' } },
      );
  let dbId: number;
  const create = (input: Partial<CreatePromotionInput> & { external_id: string }) =>
    as(() =>
      ctx.get(CreatePromotion).execute(programId, {
        type: 'trigger',
        name: 'Promo',
        is_active: true,
        accrual_rules: [{ points_currency_eid: 'bonus', static_amount: '10' }],
        ...input,
      }),
    );

  beforeAll(async () => {
    ctx = await createIntegrationContext({
      label: 'loyalty-promotions',
      entities: [...PLATFORM_ENTITIES, ...PROFILE_ENTITIES, ...MARKET_CATALOG_ENTITIES, ...LOYALTY_ENTITIES],
      imports: [ProfilesModule, LoyaltyConfigurationModule, PromoCodesModule],
      env: { TEST_CLOCK: 'true' },
    });
    clock = ctx.get(CLOCK);
    await clock.set(new Date('2026-01-05T08:00:00.000Z'));
    accountId = (await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name: 'Shop' }))).accountId;
    otherAccountId = (await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name: 'Other' }))).accountId;
    dbId = (await as(() => ctx.get(CreateDatabase).execute('Customers'))).dbId;
    programId = (
      await as(() =>
        ctx
          .get(CreateProgram)
          .execute({ name: 'Club', external_id: 'club', db_id: dbId, currency: 'RUB', timezone: 'Europe/Moscow' }),
      )
    ).programId;
    for (const [external_id, type, precision] of [
      ['bonus', 'standard', 2],
      ['whole', 'standard', 0],
      ['qp', 'qualification', 2],
    ] as const) {
      await as(() =>
        ctx.get(CreatePointsCurrency).execute(programId, { name: external_id, external_id, type, precision }),
      );
    }
  });

  afterAll(() => ctx.close());

  it("creates a trigger promotion: dates alone in the program's zone, canonical rules, limits in columns, an audit entry", async () => {
    const created = await as(() =>
      ctx.get(CreatePromotion).execute(programId, {
        type: 'trigger',
        name: 'Birthday',
        external_id: 'birthday',
        description: '100 points on the birthday',
        start_date: '2026-01-01',
        end_date: '2026-01-25',
        is_active: true,
        priority: 5,
        stacking: 'exclusive',
        conditions: { all: [{ field: 'member.is_member', op: 'eq', value: true }] },
        limits: { per_member: 1, per_member_period: 'year', total_uses: 1000, budget: '50000' },
        return_policy: 'reevaluate',
        accrual_rules: [
          { points_currency_eid: 'bonus', static_amount: '100', min_amount: '10', max_amount: '500' },
          { points_currency_eid: 'qp', static_amount: '5' },
        ],
        redeem_rules: [{ points_currency_eid: 'whole', max_amount: '1000' }],
      }),
    );
    birthdayId = created.id;
    expect(created).toEqual({ id: birthdayId, externalId: 'birthday' });
    const view = {
      id: birthdayId,
      loyalty_program_id: programId,
      type: 'trigger',
      name: 'Birthday',
      external_id: 'birthday',
      description: '100 points on the birthday',
      start_date: '2025-12-31T21:00:00.000Z',
      end_date: '2026-01-25T20:59:59.999Z',
      is_active: true,
      priority: 5,
      stacking: 'exclusive',
      conditions: { all: [{ field: 'member.is_member', op: 'eq', value: true }] },
      limits: { per_member: 1, per_member_period: 'year', total_uses: 1000, budget: '50000.00' },
      promo_code_program_id: null,
      return_policy: 'reevaluate',
      accrual_rules: [
        { points_currency_eid: 'bonus', static_amount: '100.00', min_amount: '10.00', max_amount: '500.00' },
        { points_currency_eid: 'qp', static_amount: '5.00', min_amount: null, max_amount: null },
      ],
      redeem_rules: [{ points_currency_eid: 'whole', static_amount: null, min_amount: null, max_amount: '1000.00' }],
      discount: null,
      accrual: null,
      redemption: null,
      uses_count: 0,
      budget_used: '0.00',
      created_at: '2026-01-05T08:00:00.000Z',
      updated_at: '2026-01-05T08:00:00.000Z',
    };
    expect(await as(() => ctx.get(GetPromotion).execute(programId, birthdayId))).toEqual(view);
    expect(await as(() => ctx.get(GetPromotion).execute(programId, 'birthday'))).toEqual(view);

    const row = await ctx.em().findOneOrFail(Promotion, { id: birthdayId }, { filters: false });
    expect(row).toMatchObject({
      startDate: new Date('2025-12-31T21:00:00.000Z'),
      endDate: new Date('2026-01-25T20:59:59.999Z'),
      limitPerMember: 1,
      limitPerMemberPeriod: 'year',
      limitTotalUses: 1000,
      limitBudget: 5000000n,
      usesCount: 0,
      budgetUsed: 0n,
      rules: { accrual_rules: view.accrual_rules, redeem_rules: view.redeem_rules },
    });
    expect((await audit(birthdayId)).map((entry) => [entry.action, entry.before, entry.after])).toEqual([
      ['create', null, view],
    ]);
  });

  it('answers 17 for checkout kinds, 18 for unknown references, 5 for a taken external id and 1 for bad rules', async () => {
    const checkout = {
      discount: { discount: { kind: 'percent', value: '10', target: 'order' } },
      points: { accrual: { kind: 'percent', value: '5', points_currency_eid: 'bonus' } },
    };
    for (const type of ['discount', 'points'] as const) {
      expect(
        await failureOf(create({ external_id: `checkout-${type}`, type, accrual_rules: null, ...checkout[type] })),
      ).toMatchObject({
        code: 'MARKET_REQUIRED',
        message: `Checkout promotions need catalog data: no sales channel is bound to database ${dbId}`,
      });
    }
    expect(
      await failureOf(
        create({ external_id: 'x', accrual_rules: [{ points_currency_eid: 'nope', static_amount: '1' }] }),
      ),
    ).toMatchObject({
      code: 'UNKNOWN_REFERENCE',
      details: { fields: [{ path: 'accrual_rules[0].points_currency_eid' }] },
    });
    expect(await failureOf(create({ external_id: 'x', promo_code_program_id: 7 }))).toMatchObject({
      code: 'UNKNOWN_REFERENCE',
      details: { fields: [{ path: 'promo_code_program_id' }] },
    });
    expect(await failureOf(create({ external_id: 'birthday' }))).toMatchObject({
      code: 'CONFLICT',
      details: { fields: [{ path: 'external_id' }] },
    });
    expect(await failureOf(create({ external_id: 'x', redeem_rules: [{ points_currency_eid: 'qp' }] }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ path: 'redeem_rules[0].points_currency_eid' }] },
    });
    expect(await failureOf(create({ external_id: 'x', accrual_rules: [], redeem_rules: [] }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ path: 'accrual_rules' }] },
    });
    expect(await failureOf(create({ external_id: 'x', discount: { kind: 'percent', value: '10' } }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ path: 'discount' }] },
    });
    expect(await ctx.em().count(Promotion, { program: programId }, { filters: false })).toBe(1);
  });

  it('updates a partial patch by external id; limits and rules are replaced; type never changes', async () => {
    await clock.set(new Date('2026-01-06T00:00:00.000Z'));
    const before = await as(() => ctx.get(GetPromotion).execute(programId, birthdayId));
    const updated = await as(() =>
      ctx.get(UpdatePromotion).execute(programId, 'birthday', {
        end_date: '2026-03-31T23:59:59.999+03:00',
        limits: { total_uses: 10 },
        redeem_rules: null,
        description: null,
      }),
    );
    expect(updated).toEqual({
      ...before,
      end_date: '2026-03-31T20:59:59.999Z',
      limits: { per_member: null, per_member_period: null, total_uses: 10, budget: null },
      redeem_rules: [],
      description: null,
      updated_at: '2026-01-06T00:00:00.000Z',
    });
    const row = await ctx.em().findOneOrFail(Promotion, { id: birthdayId }, { filters: false });
    expect([row.limitBudget, row.limitPerMember, row.limitTotalUses]).toEqual([null, null, 10]);
    expect((await audit(birthdayId)).map((entry) => [entry.action, entry.before, entry.after]).slice(1)).toEqual([
      ['update', before, updated],
    ]);

    expect(
      await failureOf(as(() => ctx.get(UpdatePromotion).execute(programId, birthdayId, { type: 'points' }))),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ path: 'type', message: 'cannot change after creation' }] },
    });
    expect(
      await failureOf(as(() => ctx.get(UpdatePromotion).execute(programId, birthdayId, { start_date: '2026-04-01' }))),
    ).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'start_date' }] } });
    expect(
      await failureOf(as(() => ctx.get(UpdatePromotion).execute(programId, 'missing', { name: 'x' }))),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
    // a patch that changes nothing writes nothing
    await as(() => ctx.get(UpdatePromotion).execute(programId, birthdayId, { name: 'Birthday', type: 'trigger' }));
    expect((await audit(birthdayId)).length).toBe(2);
  });

  it('activates and deactivates by id or external id; the same state again is a no-op', async () => {
    expect(await as(() => ctx.get(DeactivatePromotion).execute(programId, 'birthday'))).toEqual({
      id: birthdayId,
      externalId: 'birthday',
      isActive: false,
    });
    expect(await as(() => ctx.get(DeactivatePromotion).execute(programId, birthdayId))).toEqual({
      id: birthdayId,
      externalId: 'birthday',
      isActive: false,
    });
    expect(await as(() => ctx.get(ActivatePromotion).execute(programId, birthdayId))).toEqual({
      id: birthdayId,
      externalId: 'birthday',
      isActive: true,
    });
    expect((await audit(birthdayId)).map((entry) => entry.action)).toEqual([
      'create',
      'update',
      'deactivate',
      'activate',
    ]);
  });

  it('lists promotions and trigger promotions ascending by id, filtered and paged', async () => {
    const second = await create({ external_id: 'welcome', is_active: false });
    const third = await create({ external_id: 'review', description: 'For a review' });
    const all = await as(() => ctx.get(ListPromotions).execute(programId, {}, { limit: 2 }));
    expect([all.items.map((promotion) => promotion.id), all.nextFromId, all.totalCount]).toEqual([
      [birthdayId, second.id],
      second.id,
      3,
    ]);
    const inactive = await as(() => ctx.get(ListPromotions).execute(programId, { isActive: false }, {}));
    expect([inactive.items.map((promotion) => promotion.external_id), inactive.totalCount]).toEqual([['welcome'], 1]);

    const triggers = await as(() => ctx.get(ListTriggerPromotions).execute(programId, true, { fromId: birthdayId }));
    expect(triggers).toEqual({
      items: [
        {
          id: third.id,
          name: 'Promo',
          description: 'For a review',
          external_id: 'review',
          start_date: null,
          end_date: null,
          is_active: true,
          accrual_rules: [{ points_currency_eid: 'bonus', static_amount: '10.00', min_amount: null, max_amount: null }],
          redeem_rules: [],
        },
      ],
      nextFromId: null,
      totalCount: 2,
    });
  });

  it("answers 404 for another account's program and promotion", async () => {
    const other = <T>(fn: () => Promise<T>) => ctx.asAccount(otherAccountId, fn);
    for (const action of [
      (): Promise<unknown> => ctx.get(GetPromotion).execute(programId, birthdayId),
      () => ctx.get(UpdatePromotion).execute(programId, 'birthday', { name: 'Hijacked' }),
      () => ctx.get(ActivatePromotion).execute(programId, birthdayId),
      () => ctx.get(ListPromotions).execute(programId, {}, {}),
      () => ctx.get(ListTriggerPromotions).execute(programId, null, {}),
    ]) {
      expect(await failureOf(other(action))).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect((await as(() => ctx.get(GetPromotion).execute(programId, birthdayId))).name).toBe('Birthday');
  });

  it('creates a checkout promotion once its database has a sales channel, checking its tree and its effect', async () => {
    await as(async () => {
      const em = ctx.em();
      em.create(SalesChannel, {
        account: accountId,
        externalId: 'web',
        name: 'Web',
        type: 'online',
        database: dbId,
        tags: [],
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      await em.flush();
    });
    const discount = {
      type: 'discount' as const,
      accrual_rules: null,
      discount: { kind: 'percent', value: '10', target: 'order' },
    };
    expect(
      await failureOf(
        create({ ...discount, external_id: 'bad-tree', conditions: { field: 'line.colour', op: 'eq', value: 'red' } }),
      ),
    ).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'conditions.field' }] } });
    const created = await create({
      ...discount,
      external_id: 'online10',
      conditions: { field: 'endpoint', op: 'eq', value: 'website' },
      limits: { budget: '500' },
    });
    expect(await as(() => ctx.get(GetPromotion).execute(programId, created.id))).toMatchObject({
      type: 'discount',
      discount: { kind: 'percent', value: '10.00', target: 'order', max_discount: null },
      accrual: null,
      accrual_rules: [],
      limits: { budget: '500.00' },
      budget_used: '0.00',
    });
  });

  it("names a promo-code program of its own account; another account's is an unknown reference (18)", async () => {
    const program = { name: 'Codes', kind: 'personal' as const };
    const own = await as(() => ctx.get(CreatePromoCodeProgram).execute({ ...program, short_name: 'own' }));
    const theirs = await ctx.asAccount(otherAccountId, () =>
      ctx.get(CreatePromoCodeProgram).execute({ ...program, short_name: 'theirs' }),
    );
    const created = await create({ external_id: 'with-code', promo_code_program_id: own.programId });
    expect((await as(() => ctx.get(GetPromotion).execute(programId, created.id))).promo_code_program_id).toBe(
      own.programId,
    );
    const unknown = { code: 'UNKNOWN_REFERENCE', details: { fields: [{ path: 'promo_code_program_id' }] } };
    expect(
      await failureOf(create({ external_id: 'foreign-code', promo_code_program_id: theirs.programId })),
    ).toMatchObject(unknown);
    expect(
      await failureOf(
        as(() => ctx.get(UpdatePromotion).execute(programId, 'with-code', { promo_code_program_id: theirs.programId })),
      ),
    ).toMatchObject(unknown);
    expect((await as(() => ctx.get(GetPromotion).execute(programId, created.id))).promo_code_program_id).toBe(
      own.programId,
    );
  });
});
