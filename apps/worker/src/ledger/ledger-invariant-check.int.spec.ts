import {
  AccruePoints,
  CreatePointsCurrency,
  CreateProgram,
  CreatePromotion,
  LOYALTY_ENTITIES,
  LoyaltyConfigurationModule,
  LoyaltyModule,
  RedeemPoints,
  RegisterMember,
} from '@loyalty/loyalty';
import { MARKET_CATALOG_ENTITIES } from '@loyalty/market-catalog';
import { CreateAccount, LEDGER_RULES, Metrics, PLATFORM_ENTITIES } from '@loyalty/platform';
import { CreateDatabase, PROFILE_ENTITIES, ProfilesModule } from '@loyalty/profiles';
import { createIntegrationContext, findLedgerViolations, IntegrationContext } from '@loyalty/testing';
import { LedgerInvariantCheck } from './ledger-invariant-check';
import { LedgerInvariantGauges } from './ledger-invariant.gauges';

/** The samples of one metric in the registry's text, by their `rule` label (or '' without one). */
async function samples(metrics: Metrics, name: string): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const line of (await metrics.registry.metrics()).split('\n')) {
    const sample = new RegExp(`^${name}(?:\\{(.*)\\})? (\\S+)$`).exec(line);
    if (!sample) continue;
    found.set(/rule="([^"]*)"/.exec(sample[1] ?? '')?.[1] ?? '', Number(sample[2]));
  }
  return found;
}

describe('ledger invariant gauge (real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let metrics: Metrics;
  let check: LedgerInvariantCheck;
  let accountId: number;
  let programId: number;
  const who = { matching: 'email' as const, email: 'gauge@example.com' };

  const violations = () => samples(metrics, 'ledger_invariant_violations');

  beforeAll(async () => {
    ctx = await createIntegrationContext({
      label: 'ledger-gauge',
      entities: [...PLATFORM_ENTITIES, ...PROFILE_ENTITIES, ...MARKET_CATALOG_ENTITIES, ...LOYALTY_ENTITIES],
      imports: [ProfilesModule, LoyaltyModule, LoyaltyConfigurationModule],
      providers: [LedgerInvariantGauges, LedgerInvariantCheck],
    });
    metrics = ctx.get(Metrics);
    check = ctx.get(LedgerInvariantCheck);
    accountId = (await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name: 'Shop' }))).accountId;
    programId = await ctx.asAccount(accountId, async () => {
      const { dbId } = await ctx.get(CreateDatabase).execute('Customers');
      const { programId: id } = await ctx
        .get(CreateProgram)
        .execute({ name: 'Main', external_id: 'main', db_id: dbId, currency: 'RUB', timezone: 'UTC' });
      await ctx
        .get(CreatePointsCurrency)
        .execute(id, { name: 'Bonus', external_id: 'bonus', type: 'standard', initial_balance: '5.00' });
      const rule = { points_currency_eid: 'bonus' };
      await ctx.get(CreatePromotion).execute(id, {
        type: 'trigger',
        name: 'Manual',
        external_id: 'manual',
        is_active: true,
        accrual_rules: [rule],
        redeem_rules: [rule],
      });
      return id;
    });
  });

  afterAll(() => ctx.close());

  const operation = (useCase: typeof AccruePoints | typeof RedeemPoints, amount: string) =>
    ctx.asAccount(accountId, () =>
      ctx.get<AccruePoints | RedeemPoints>(useCase).execute({
        programId,
        person: who,
        promotion: 'manual',
        points_currency_eid: 'bonus',
        amount,
        fingerprint: `${useCase.name}-${amount}`,
      }),
    );

  it('checks once shortly after start', async () => {
    const deadline = Date.now() + 10_000;
    while ((await samples(metrics, 'ledger_invariant_check_timestamp_seconds')).get('') === 0) {
      if (Date.now() > deadline) throw new Error('no check completed within 10 s of start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await violations()).toEqual(new Map(LEDGER_RULES.map((rule) => [rule, 0])));
  });

  it('reports 0 for every rule on a sound ledger with accruals and a redemption', async () => {
    await ctx.asAccount(accountId, () => ctx.get(RegisterMember).execute({ programId, person: who }));
    await operation(AccruePoints, '10.00');
    await operation(RedeemPoints, '3.00');
    const before = Date.now() / 1000;

    await check.run();

    expect(await violations()).toEqual(
      new Map([
        ['cache equals lots', 0],
        ['lot within bounds', 0],
        ['redemption equals allocations', 0],
        ['balance equals transactions', 0],
      ]),
    );
    const [checkedAt] = (await samples(metrics, 'ledger_invariant_check_timestamp_seconds')).values();
    expect(checkedAt).toBeGreaterThanOrEqual(Math.floor(before));
    expect(checkedAt).toBeLessThanOrEqual(Date.now() / 1000);
    const [duration] = (await samples(metrics, 'ledger_invariant_check_duration_seconds')).values();
    expect(duration).toBeGreaterThan(0);
    expect(duration).toBeLessThan(5);
  });

  it('counts one broken cache and one lot below zero at the next check', async () => {
    const em = ctx.em();
    const [account] = await em.execute<{ id: string }[]>('select id from points_accounts');
    const [lot] = await em.execute<{ id: string }[]>(
      'select min(id) as id from points_lots where points_account_id = ? and remaining > 0',
      [account.id],
    );
    await em.execute('update points_accounts set active = active + 1 where id = ?', [account.id]);
    await em.execute('update points_lots set remaining = -1 where id = ?', [lot.id]);

    await check.run();

    expect(await violations()).toEqual(
      new Map([
        ['cache equals lots', 1],
        ['lot within bounds', 1],
        ['redemption equals allocations', 0],
        // The cached active point also shows in the account's total, which no transaction explains.
        ['balance equals transactions', 1],
      ]),
    );
    const found = await findLedgerViolations((sql) => ctx.em().execute(sql));
    expect(found.map(({ rule, subject }) => [rule, subject])).toEqual([
      ['cache equals lots', `points_account ${account.id}`],
      ['lot within bounds', `points_lot ${lot.id}`],
      ['balance equals transactions', `points_account ${account.id}`],
    ]);
    expect(found[1].detail).toMatch(/^remaining -1 of \d+$/);
  });

  it('survives a failing check and keeps the gauges of the last completed one', async () => {
    const checkedAt = await samples(metrics, 'ledger_invariant_check_timestamp_seconds');
    await ctx.em().execute('alter table redemption_allocations rename to redemption_allocations_away');
    try {
      await expect(check.run()).resolves.toBeUndefined();
    } finally {
      await ctx.em().execute('alter table redemption_allocations_away rename to redemption_allocations');
    }
    expect(await samples(metrics, 'ledger_invariant_check_timestamp_seconds')).toEqual(checkedAt);
    expect((await violations()).get('lot within bounds')).toBe(1);
  });

  it('runs one check at a time: a second call while one runs joins it', async () => {
    const first = check.run();
    expect(check.run()).toBe(first);
    await first;
  });
});
