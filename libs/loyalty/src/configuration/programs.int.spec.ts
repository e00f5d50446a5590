import { MARKET_CATALOG_ENTITIES } from '@loyalty/market-catalog';
import { AuditEntry, CLOCK, CreateAccount, PLATFORM_ENTITIES, SharedTestClock, toApiFailure } from '@loyalty/platform';
import { CreateDatabase, PROFILE_ENTITIES, ProfilesModule } from '@loyalty/profiles';
import { createIntegrationContext, IntegrationContext, rejectionOf } from '@loyalty/testing';
import { LOYALTY_ENTITIES } from '../entities/index';
import { LoyaltyProgram } from '../entities/loyalty-program.entity';
import { LoyaltyConfigurationModule } from './loyalty-configuration.module';
import { ActivateProgram } from './use-cases/activate-program.use-case';
import { CreateProgram } from './use-cases/create-program.use-case';
import { DeactivateProgram } from './use-cases/deactivate-program.use-case';
import { GetProgram } from './use-cases/get-program.use-case';
import { ListPrograms } from './use-cases/list-programs.use-case';
import { UpdateProgram } from './use-cases/update-program.use-case';

describe('loyalty programs (real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let clock: SharedTestClock;
  let accountId: number;
  let otherAccountId: number;
  let dbId: number;
  let secondDbId: number;
  let otherDbId: number;
  const as = <T>(fn: () => Promise<T>) => ctx.asAccount(accountId, fn);
  const asOther = <T>(fn: () => Promise<T>) => ctx.asAccount(otherAccountId, fn);
  const failureOf = rejectionOf;
  const audit = (entityId: number) =>
    ctx
      .em()
      .find(
        AuditEntry,
        { entityType: 'loyalty_program', entityId: String(entityId) },
        { filters: false, orderBy: { id: 'asc' } },
      );
  const base = { name: 'Club', currency: 'RUB' };

  beforeAll(async () => {
    ctx = await createIntegrationContext({
      label: 'loyalty-programs',
      entities: [...PLATFORM_ENTITIES, ...PROFILE_ENTITIES, ...MARKET_CATALOG_ENTITIES, ...LOYALTY_ENTITIES],
      imports: [ProfilesModule, LoyaltyConfigurationModule],
      env: { TEST_CLOCK: 'true' },
    });
    clock = ctx.get(CLOCK);
    await clock.set(new Date('2026-01-10T09:00:00.000Z'));
    accountId = (await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name: 'Shop', timezone: 'Europe/Moscow' })))
      .accountId;
    otherAccountId = (await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name: 'Other' }))).accountId;
    dbId = (await as(() => ctx.get(CreateDatabase).execute('Customers'))).dbId;
    secondDbId = (await as(() => ctx.get(CreateDatabase).execute('Partners'))).dbId;
    otherDbId = (await asOther(() => ctx.get(CreateDatabase).execute('Theirs'))).dbId;
  });

  afterAll(() => ctx.close());

  it('creates a program with the defaults of spec §6, the account time zone and an audit entry', async () => {
    const { programId } = await as(() => ctx.get(CreateProgram).execute({ ...base, external_id: 'club', db_id: dbId }));
    const view = await as(() => ctx.get(GetProgram).execute(programId));
    expect(view).toEqual({
      id: programId,
      name: 'Club',
      external_id: 'club',
      db_id: dbId,
      description: null,
      timezone: 'Europe/Moscow',
      currency: 'RUB',
      is_active: true,
      arbitration: { mode: 'priority', max_discount_percent: null },
      redemption: { enabled: true, max_share_percent: '100', min_redeem: '0.00', step: '0.01' },
      allow_unknown_items: false,
      expiry_notice_days: [],
      activate_on: 'delay',
      release_on_cancel: true,
      created_at: '2026-01-10T09:00:00.000Z',
      updated_at: '2026-01-10T09:00:00.000Z',
    });
    const entries = await audit(programId);
    expect(entries.map((entry) => [entry.account, entry.action, entry.before, entry.after])).toEqual([
      [accountId, 'create', null, view],
    ]);
  });

  it('refuses a taken external id (5), an unknown or foreign database (18) and an all-digit external id (1)', async () => {
    expect(
      await failureOf(as(() => ctx.get(CreateProgram).execute({ ...base, external_id: 'club', db_id: secondDbId }))),
    ).toMatchObject({ code: 'CONFLICT', details: { fields: [{ path: 'external_id' }] } });
    for (const db of [999_999, otherDbId]) {
      expect(
        await failureOf(as(() => ctx.get(CreateProgram).execute({ ...base, external_id: 'x', db_id: db }))),
      ).toMatchObject({ code: 'UNKNOWN_REFERENCE', details: { fields: [{ path: 'db_id' }] } });
    }
    expect(
      await failureOf(as(() => ctx.get(CreateProgram).execute({ ...base, external_id: '2026', db_id: secondDbId }))),
    ).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'external_id' }] } });
    // another account may use the same external id
    const theirs = await asOther(() =>
      ctx.get(CreateProgram).execute({ ...base, external_id: 'club', db_id: otherDbId }),
    );
    expect(theirs.programId).toBeGreaterThan(0);
  });

  it('allows one active program per database: on create, update and activate', async () => {
    const active = await ctx.em().findOneOrFail(LoyaltyProgram, { database: dbId, isActive: true }, { filters: false });
    expect(
      await failureOf(as(() => ctx.get(CreateProgram).execute({ ...base, external_id: 'second', db_id: dbId }))),
    ).toMatchObject({ code: 'CONFLICT', details: { fields: [{ path: 'is_active' }] } });
    const { programId: second } = await as(() =>
      ctx.get(CreateProgram).execute({ ...base, external_id: 'second', db_id: dbId, is_active: false }),
    );
    expect(await failureOf(as(() => ctx.get(ActivateProgram).execute(second)))).toMatchObject({ code: 'CONFLICT' });
    expect(await failureOf(as(() => ctx.get(UpdateProgram).execute(second, { is_active: true })))).toMatchObject({
      code: 'CONFLICT',
    });

    await clock.set(new Date('2026-01-11T00:00:00.000Z'));
    expect(await as(() => ctx.get(DeactivateProgram).execute(active.id))).toEqual({
      programId: active.id,
      isActive: false,
    });
    expect(await as(() => ctx.get(ActivateProgram).execute(second))).toEqual({ programId: second, isActive: true });
    // activating an active program is a successful no-op that writes no audit entry
    expect(await as(() => ctx.get(ActivateProgram).execute(second))).toEqual({ programId: second, isActive: true });
    const entries = await audit(second);
    expect(entries.map((entry) => entry.action)).toEqual(['create', 'activate']);
    expect(entries[1]).toMatchObject({
      before: { is_active: false, updated_at: '2026-01-10T09:00:00.000Z' },
      after: { is_active: true, updated_at: '2026-01-11T00:00:00.000Z' },
    });
    expect((await audit(active.id)).map((entry) => entry.action)).toEqual(['create', 'deactivate']);

    // put the first program back for the tests that follow
    await as(() => ctx.get(DeactivateProgram).execute(second));
    await as(() => ctx.get(ActivateProgram).execute(active.id));
  });

  it('settles two simultaneous activations on one database with the partial unique index (error 5)', async () => {
    const created = await Promise.all(
      ['race-a', 'race-b'].map((external_id) =>
        as(() => ctx.get(CreateProgram).execute({ ...base, external_id, db_id: secondDbId, is_active: false })),
      ),
    );
    const outcomes = await Promise.allSettled(
      created.map(({ programId }) => as(() => ctx.get(ActivateProgram).execute(programId))),
    );
    const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect([outcomes.length - failures.length, failures.map((error) => toApiFailure(error).code)]).toEqual([
      1,
      ['CONFLICT'],
    ]);
    expect(await ctx.em().count(LoyaltyProgram, { database: secondDbId, isActive: true }, { filters: false })).toBe(1);
  });

  it('updates a partial patch: null restores defaults, db_id can be repeated but never changed', async () => {
    const { programId } = await as(() =>
      ctx.get(CreateProgram).execute({
        ...base,
        external_id: 'patchable',
        db_id: secondDbId,
        is_active: false,
        description: 'Old text',
        timezone: 'Asia/Tokyo',
        expiry_notice_days: [7, 1],
        redemption: { enabled: true, max_share_percent: '50', step: '1' },
      }),
    );
    await clock.set(new Date('2026-01-12T12:00:00.000Z'));
    const updated = await as(() =>
      ctx.get(UpdateProgram).execute(programId, {
        db_id: secondDbId,
        name: 'Patched',
        description: null,
        timezone: null,
        redemption: null,
        arbitration: { mode: 'best_for_customer', max_discount_percent: '25' },
      }),
    );
    expect(updated).toMatchObject({
      name: 'Patched',
      external_id: 'patchable',
      description: null,
      timezone: 'Europe/Moscow',
      expiry_notice_days: [7, 1],
      redemption: { enabled: true, max_share_percent: '100', min_redeem: '0.00', step: '0.01' },
      arbitration: { mode: 'best_for_customer', max_discount_percent: '25' },
      updated_at: '2026-01-12T12:00:00.000Z',
      created_at: '2026-01-11T00:00:00.000Z',
    });
    expect(await as(() => ctx.get(GetProgram).execute(programId))).toEqual(updated);
    const [, update] = await audit(programId);
    expect(update).toMatchObject({
      action: 'update',
      before: { name: 'Club', description: 'Old text', timezone: 'Asia/Tokyo' },
      after: updated,
    });

    expect(await failureOf(as(() => ctx.get(UpdateProgram).execute(programId, { db_id: dbId })))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ path: 'db_id', message: 'cannot change after creation' }] },
    });
    expect(await failureOf(as(() => ctx.get(UpdateProgram).execute(programId, { name: null })))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ path: 'name', message: 'is required and cannot be null' }] },
    });
    expect(await failureOf(as(() => ctx.get(UpdateProgram).execute(programId, { external_id: 'club' })))).toMatchObject(
      { code: 'CONFLICT', details: { fields: [{ path: 'external_id' }] } },
    );

    // a patch that changes nothing writes nothing
    await clock.set(new Date('2026-01-13T00:00:00.000Z'));
    const same = await as(() =>
      ctx.get(UpdateProgram).execute(programId, { name: 'Patched', expiry_notice_days: [7, 1] }),
    );
    expect(same.updated_at).toBe('2026-01-12T12:00:00.000Z');
    expect((await audit(programId)).length).toBe(2);
  });

  it("lists the account's programs ascending by id, page by page; another account's are 404", async () => {
    const all = await as(() => ctx.get(ListPrograms).execute({ limit: 100 }));
    const ids = all.items.map((program) => program.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    // race-a and race-b were created concurrently: either may have the lower id
    const names = all.items.map((program) => program.external_id);
    expect([names.slice(0, 2), names.slice(2, 4).sort(), names.slice(4)]).toEqual([
      ['club', 'second'],
      ['race-a', 'race-b'],
      ['patchable'],
    ]);
    expect([all.totalCount, all.nextFromId]).toEqual([5, null]);
    const first = await as(() => ctx.get(ListPrograms).execute({ limit: 2 }));
    expect(first.items.map((program) => program.id)).toEqual(all.items.slice(0, 2).map((program) => program.id));
    expect(first.nextFromId).toBe(all.items[1].id);
    const next = await as(() => ctx.get(ListPrograms).execute({ fromId: first.nextFromId, limit: 2 }));
    expect(next.items.map((program) => program.id)).toEqual(ids.slice(2, 4));
    expect(next.totalCount).toBe(5);

    const theirs = await asOther(() => ctx.get(ListPrograms).execute({}));
    expect(theirs.items.map((program) => program.external_id)).toEqual(['club']);
    const ours = all.items[0].id;
    for (const action of [
      (): Promise<unknown> => ctx.get(GetProgram).execute(ours),
      () => ctx.get(UpdateProgram).execute(ours, { name: 'Hijacked' }),
      () => ctx.get(ActivateProgram).execute(ours),
      () => ctx.get(DeactivateProgram).execute(ours),
    ]) {
      expect(await failureOf(asOther(action))).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect((await as(() => ctx.get(GetProgram).execute(ours))).name).toBe('Club');
  });
});
