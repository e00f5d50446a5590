import { AuditEntry } from '@loyalty/platform';
import { CreateDatabase } from '@loyalty/profiles';
import type { IntegrationContext } from '@loyalty/testing';
import { createMarketTestContext, fieldFailureOf, MARKET_TEST_NOW } from './test-support/market-test-context';
import { CreateCustomField } from './use-cases/create-custom-field.use-case';
import { CreateMarketCurrency } from './use-cases/create-market-currency.use-case';
import { CreateRegion } from './use-cases/create-region.use-case';
import { CreateSalesChannel } from './use-cases/create-sales-channel.use-case';
import { CreateTouchpoint } from './use-cases/create-touchpoint.use-case';
import { ListCustomFields } from './use-cases/list-custom-fields.use-case';
import { ListMarketCurrencies } from './use-cases/list-market-currencies.use-case';
import { ListRegions } from './use-cases/list-regions.use-case';
import { ListSalesChannels } from './use-cases/list-sales-channels.use-case';
import { ListTouchpoints } from './use-cases/list-touchpoints.use-case';
import { UpdateSalesChannel } from './use-cases/update-sales-channel.use-case';
import { UpdateTouchpoint } from './use-cases/update-touchpoint.use-case';

describe('market settings (real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let accountId: number;
  let otherAccountId: number;
  let dbId: number;
  const as = <T>(fn: () => Promise<T>) => ctx.asAccount(accountId, fn);
  const asOther = <T>(fn: () => Promise<T>) => ctx.asAccount(otherAccountId, fn);
  const failureOf = fieldFailureOf;
  const stamp = MARKET_TEST_NOW.toISOString();

  beforeAll(async () => {
    ({ ctx, accountId, otherAccountId } = await createMarketTestContext('market-settings'));
    dbId = (await as(() => ctx.get(CreateDatabase).execute('Customers'))).dbId;
  });

  afterAll(() => ctx.close());

  it('creates, updates and lists sales channels and touchpoints, with audit entries', async () => {
    const { id } = await as(() =>
      ctx.get(CreateSalesChannel).execute({ name: 'Web', external_id: 'web', type: 'online', db_id: dbId }),
    );
    const { id: retailId } = await as(() =>
      ctx
        .get(CreateSalesChannel)
        .execute({ name: 'Shops', external_id: 'shops', type: 'retail', db_id: dbId, tags: ['offline'] }),
    );
    const updated = await as(() =>
      ctx.get(UpdateSalesChannel).execute({ external_id: 'web', name: 'Web shop', tags: ['main'] }),
    );
    expect(updated).toEqual({
      id,
      external_id: 'web',
      name: 'Web shop',
      type: 'online',
      db_id: dbId,
      tags: ['main'],
      created_at: stamp,
      updated_at: stamp,
    });
    const channels = await as(() => ctx.get(ListSalesChannels).execute({ limit: 1 }));
    expect(channels.items.map((item) => item.external_id)).toEqual(['web']);
    expect(channels).toMatchObject({ nextFromId: id, totalCount: 2 });
    const next = await as(() => ctx.get(ListSalesChannels).execute({ fromId: id }));
    expect(next.items.map((item) => [item.id, item.tags])).toEqual([[retailId, ['offline']]]);

    await as(() =>
      ctx.get(CreateTouchpoint).execute({ channel_external_id: 'web', name: 'Site', external_id: 'website' }),
    );
    const moved = await as(() =>
      ctx.get(UpdateTouchpoint).execute({ external_id: 'website', channel_external_id: 'shops' }),
    );
    expect(moved).toMatchObject({ external_id: 'website', name: 'Site', channel_external_id: 'shops' });
    const touchpoints = await as(() => ctx.get(ListTouchpoints).execute({}));
    expect(touchpoints.items.map((item) => [item.external_id, item.channel_external_id])).toEqual([
      ['website', 'shops'],
    ]);

    const audit = await ctx
      .em()
      .find(
        AuditEntry,
        { entityType: 'market_channel', entityId: String(id) },
        { filters: false, orderBy: { id: 'asc' } },
      );
    expect(audit.map((entry) => entry.action)).toEqual(['create', 'update']);
    expect((audit[1].before as { name: string }).name).toBe('Web');
  });

  it('refuses bad channel and touchpoint input with coded errors naming the field', async () => {
    expect(
      await failureOf(
        as(() => ctx.get(CreateSalesChannel).execute({ name: 'X', external_id: 'web', type: 'online', db_id: dbId })),
      ),
    ).toEqual({
      code: 'CONFLICT',
      fields: [{ path: 'external_id', message: 'a sales channel "web" exists' }],
    });
    expect(
      await failureOf(
        as(() => ctx.get(CreateSalesChannel).execute({ name: 'X', external_id: 'x', type: 'online', db_id: 999_999 })),
      ),
    ).toEqual({
      code: 'UNKNOWN_REFERENCE',
      fields: [{ path: 'db_id', message: 'the account has no database 999999' }],
    });
    expect(
      (await failureOf(as(() => ctx.get(UpdateSalesChannel).execute({ external_id: 'nope', name: 'N' })))).code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await failureOf(
          as(() => ctx.get(CreateTouchpoint).execute({ channel_external_id: 'nope', name: 'S', external_id: 's' })),
        )
      ).fields,
    ).toEqual([{ path: 'channel_external_id', message: 'no sales channel "nope"' }]);
    expect(
      (
        await failureOf(
          as(() =>
            ctx.get(CreateTouchpoint).execute({ channel_external_id: 'web', name: 'S', external_id: 'website' }),
          ),
        )
      ).code,
    ).toBe('CONFLICT');
    expect((await failureOf(as(() => ctx.get(UpdateTouchpoint).execute({ external_id: 'nope' })))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('keeps accounts apart: another account sees none of them and cannot change them', async () => {
    expect(await asOther(() => ctx.get(ListSalesChannels).execute({}))).toEqual({
      items: [],
      nextFromId: null,
      totalCount: 0,
    });
    expect(
      (await failureOf(asOther(() => ctx.get(UpdateSalesChannel).execute({ external_id: 'web', name: 'Mine' })))).code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await failureOf(
          asOther(() =>
            ctx.get(CreateSalesChannel).execute({ name: 'W', external_id: 'w', type: 'online', db_id: dbId }),
          ),
        )
      ).code,
    ).toBe('UNKNOWN_REFERENCE');
  });

  it('creates currencies with their ISO minor digits and refuses unknown and 3-digit ones', async () => {
    expect(await as(() => ctx.get(CreateMarketCurrency).execute({ code: 'RUB' }))).toMatchObject({ minor_digits: 2 });
    expect(await as(() => ctx.get(CreateMarketCurrency).execute({ code: 'JPY' }))).toMatchObject({ minor_digits: 0 });
    expect(await failureOf(as(() => ctx.get(CreateMarketCurrency).execute({ code: 'KWD' })))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'code', message: 'KWD has 3 minor digits; only currencies with 0 or 2 are supported' }],
    });
    expect((await failureOf(as(() => ctx.get(CreateMarketCurrency).execute({ code: 'XYZ' })))).fields).toEqual([
      { path: 'code', message: '"XYZ" is not an ISO 4217 currency code' },
    ]);
    expect((await failureOf(as(() => ctx.get(CreateMarketCurrency).execute({ code: 'RUB' })))).code).toBe('CONFLICT');
    const list = await as(() => ctx.get(ListMarketCurrencies).execute({}));
    expect(list.items.map((item) => [item.code, item.minor_digits])).toEqual([
      ['RUB', 2],
      ['JPY', 0],
    ]);
  });

  it('creates regions and typed custom fields with normalised defaults', async () => {
    await as(() => ctx.get(CreateRegion).execute({ name: 'Moscow', external_id: 'msk' }));
    expect(
      (await failureOf(as(() => ctx.get(CreateRegion).execute({ name: 'Moscow', external_id: 'msk' })))).code,
    ).toBe('CONFLICT');
    expect((await as(() => ctx.get(ListRegions).execute({}))).items.map((item) => item.external_id)).toEqual(['msk']);

    await as(() =>
      ctx.get(CreateCustomField).execute({
        external_id: 'weight',
        name: 'Weight',
        entity_type: 'product',
        value_type: 'float',
        default_value: 1.5,
      }),
    );
    await as(() =>
      ctx
        .get(CreateCustomField)
        .execute({ external_id: 'weight', name: 'Weight', entity_type: 'sku', value_type: 'int', required: true }),
    );
    expect(
      await failureOf(
        as(() =>
          ctx.get(CreateCustomField).execute({
            external_id: 'size',
            name: 'S',
            entity_type: 'product',
            value_type: 'int',
            default_value: 'big',
          }),
        ),
      ),
    ).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'default_value', message: 'expected a value of type int' }],
    });
    expect(
      (
        await failureOf(
          as(() =>
            ctx
              .get(CreateCustomField)
              .execute({ external_id: 'weight', name: 'W', entity_type: 'product', value_type: 'int' }),
          ),
        )
      ).code,
    ).toBe('CONFLICT');
    const fields = await as(() => ctx.get(ListCustomFields).execute({ entityType: 'product' }));
    expect(fields.items.map((item) => [item.external_id, item.value_type, item.default_value, item.required])).toEqual([
      ['weight', 'float', '1.5', false],
    ]);
    expect((await as(() => ctx.get(ListCustomFields).execute({}))).totalCount).toBe(2);
  });
});
