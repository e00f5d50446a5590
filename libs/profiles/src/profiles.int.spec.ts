import { AuditEntry, CreateAccount, PLATFORM_ENTITIES } from '@loyalty/platform';
import { createIntegrationContext, IntegrationContext } from '@loyalty/testing';
import { PROFILE_ENTITIES, ProfilesModule } from './index';
import { Profile } from './entities/profile.entity';
import { CreateDatabase } from './use-cases/create-database.use-case';
import { DeleteProfile } from './use-cases/delete-profile.use-case';
import { GetProfile } from './use-cases/get-profile.use-case';
import { ImportProfiles } from './use-cases/import-profiles.use-case';
import { ListDatabases } from './use-cases/list-databases.use-case';

describe('profiles (real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let accountId: number;
  let dbId: number;
  const as = <T>(fn: () => Promise<T>) => ctx.asAccount(accountId, fn);

  beforeAll(async () => {
    ctx = await createIntegrationContext({
      label: 'profiles',
      entities: [...PLATFORM_ENTITIES, ...PROFILE_ENTITIES],
      imports: [ProfilesModule],
    });
    accountId = (await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name: 'Shop' }))).accountId;
    dbId = (await as(() => ctx.get(CreateDatabase).execute('Customers'))).dbId;
  });

  afterAll(() => ctx.close());

  const profileCount = () => ctx.em().count(Profile, { database: dbId }, { filters: false });

  it('creates databases with an audit entry and lists them', async () => {
    const second = await as(() => ctx.get(CreateDatabase).execute('Partners'));
    const listed = await as(() => ctx.get(ListDatabases).execute({ limit: 1 }));
    expect(listed.items.map((db) => db.name)).toEqual(['Customers']);
    expect(listed.nextFromId).toBe(dbId);
    expect(listed.totalCount).toBe(2);
    const audit = await ctx
      .em()
      .find(AuditEntry, { entityType: 'database' }, { filters: false, orderBy: { id: 'asc' } });
    expect(audit.map((entry) => [entry.entityId, entry.action])).toEqual([
      [String(dbId), 'create'],
      [String(second.dbId), 'create'],
    ]);
  });

  it('imports by email, normalising identifiers, and updates on a second import', async () => {
    const first = await as(() =>
      ctx.get(ImportProfiles).execute({
        dbId,
        matching: 'email',
        items: [
          { email: '  Anna@Example.COM ', phone: '+7 (900) 123-45-67', custom_fields: { card: 'C-1' } },
          { email: 'boris@example.com' },
        ],
      }),
    );
    expect(first).toMatchObject({ created: 2, updated: 0 });
    const second = await as(() =>
      ctx.get(ImportProfiles).execute({
        dbId,
        matching: 'email',
        items: [{ email: 'anna@example.com', custom_fields: { city: 'Kazan' } }, { email: 'vera@example.com' }],
      }),
    );
    expect(second).toMatchObject({ created: 1, updated: 1 });
    expect(second.profileIds[0]).toBe(first.profileIds[0]);
    const anna = await as(() => ctx.get(GetProfile).execute(dbId, { kind: 'phone', phone: '+79001234567' }));
    expect(anna).toMatchObject({
      id: first.profileIds[0],
      email: 'anna@example.com',
      customFields: { card: 'C-1', city: 'Kazan' },
    });
    expect(await profileCount()).toBe(3);
  });

  it('finds people by custom field and by profile id', async () => {
    const byCard = await as(() =>
      ctx.get(GetProfile).execute(dbId, { kind: 'custom', fieldName: 'card', fieldValue: 'C-1' }),
    );
    const byId = await as(() => ctx.get(GetProfile).execute(dbId, { kind: 'profile_id', profileId: byCard.id }));
    expect(byId.email).toBe('anna@example.com');
    await expect(
      as(() => ctx.get(GetProfile).execute(dbId, { kind: 'email', email: 'nobody@example.com' })),
    ).rejects.toMatchObject({
      code: 'PROFILE_NOT_FOUND',
    });
  });

  it('is all or nothing: one bad item names itself and nothing of the call is kept', async () => {
    const before = await profileCount();
    const failure = await as(() =>
      ctx.get(ImportProfiles).execute({
        dbId,
        matching: 'email',
        items: [{ email: 'new1@example.com' }, { email: 'new2@example.com', phone: 'not a phone' }],
      }),
    ).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'data[1].phone' }] } });

    const conflict = await as(() =>
      ctx.get(ImportProfiles).execute({
        dbId,
        matching: 'email',
        items: [{ email: 'new3@example.com' }, { email: 'boris@example.com', phone: '+79001234567' }],
      }),
    ).catch((error: unknown) => error);
    expect(conflict).toMatchObject({ code: 'CONFLICT', details: { fields: [{ path: 'data[1].phone' }] } });
    expect(await profileCount()).toBe(before);
  });

  it('erases personal data on delete, keeps the id, and answers 404 for a foreign database', async () => {
    const boris = await as(() => ctx.get(GetProfile).execute(dbId, { kind: 'email', email: 'boris@example.com' }));
    const erased = await as(() => ctx.get(DeleteProfile).execute(dbId, { kind: 'email', email: 'boris@example.com' }));
    expect(erased.profileId).toBe(boris.id);
    const row = await ctx.em().findOneOrFail(Profile, { id: boris.id }, { filters: false });
    expect(row).toMatchObject({ email: null, phone: null, customFields: {} });
    expect(row.erasedAt).not.toBeNull();
    const again = await as(() => ctx.get(DeleteProfile).execute(dbId, { kind: 'profile_id', profileId: boris.id }));
    expect(again.erasedAt).toEqual(erased.erasedAt);

    const other = (await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name: 'Other' }))).accountId;
    await expect(
      ctx.asAccount(other, () => ctx.get(GetProfile).execute(dbId, { kind: 'email', email: 'anna@example.com' })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
