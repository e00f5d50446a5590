import { type IntegrationContext, rejectionOf } from '@loyalty/testing';
import { createMarketTestContext } from './test-support/market-test-context';
import { Category } from './entities/category.entity';
import { CatalogItem } from './entities/catalog-item.entity';
import { CreateCustomField } from './use-cases/create-custom-field.use-case';
import { CreateMarketCurrency } from './use-cases/create-market-currency.use-case';
import { CreateRegion } from './use-cases/create-region.use-case';
import { DeleteCatalogItem } from './use-cases/delete-catalog-item.use-case';
import { GetCatalogItem } from './use-cases/get-catalog-item.use-case';
import { ImportCatalogItems } from './use-cases/import-catalog-items.use-case';
import { ListCatalogItems } from './use-cases/list-catalog-items.use-case';

describe('products and SKUs import (real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let accountId: number;
  let otherAccountId: number;
  const as = <T>(fn: () => Promise<T>) => ctx.asAccount(accountId, fn);
  const failureOf = async (promise: Promise<unknown>) => {
    const { code, message, details } = await rejectionOf(promise);
    return { code, message, details };
  };
  const rows = () => ctx.em().find(CatalogItem, { account: accountId }, { filters: false, orderBy: { id: 'asc' } });
  const importItems = (body: Parameters<ImportCatalogItems['execute']>[0], skusOnly = false) =>
    as(() => ctx.get(ImportCatalogItems).execute(body, { skusOnly }));

  beforeAll(async () => {
    ({ ctx, accountId, otherAccountId } = await createMarketTestContext('market-import'));
    await as(() => ctx.get(CreateMarketCurrency).execute({ code: 'RUB' }));
    await as(() => ctx.get(CreateMarketCurrency).execute({ code: 'JPY' }));
    await as(() => ctx.get(CreateRegion).execute({ name: 'Moscow', external_id: 'msk' }));
    await as(() =>
      ctx
        .get(CreateCustomField)
        .execute({ external_id: 'color', name: 'Color', entity_type: 'product', value_type: 'string' }),
    );
    await as(() =>
      ctx
        .get(CreateCustomField)
        .execute({ external_id: 'memory', name: 'Memory', entity_type: 'sku', value_type: 'int', required: true }),
    );
  });

  afterAll(() => ctx.close());

  it('upserts categories, products and SKUs (SKU before its product in one call), money in minor units', async () => {
    const counts = await importItems({
      categories: [
        { external_id: 'smartphones', name: 'Smartphones', parent_external_id: 'phones' },
        { external_id: 'phones', name: 'Phones' },
      ],
      data: [
        {
          external_id: 'iphone17-256',
          name: 'iPhone 17 256',
          product_external_id: 'iphone17',
          price: '1100.50',
          currency: 'RUB',
          custom_fields: { memory: 256 },
        },
        {
          external_id: 'iphone17',
          name: 'iPhone 17',
          price: '1100',
          old_price: 1200.5,
          currency: 'RUB',
          categories: ['smartphones'],
          tags: ['new'],
          custom_fields: { color: 'black' },
          regional_data: [{ external_id: 'msk', price: '1090.00', count: 3 }],
        },
        { external_id: 'sushi', name: 'Sushi', price: '1500', currency: 'JPY' },
      ] as never,
    });
    expect(counts).toEqual({ categories: 2, products: 2, skus: 1 });
    const stored = await rows();
    expect(stored.map((row) => [row.kind, row.externalId, row.price, row.oldPrice, row.currency])).toEqual([
      ['sku', 'iphone17-256', 110050n, null, 'RUB'],
      ['product', 'iphone17', 110000n, 120050n, 'RUB'],
      ['product', 'sushi', 1500n, null, 'JPY'],
    ]);
    const product = await as(() => ctx.get(GetCatalogItem).execute('product', 'iphone17'));
    expect(product).toMatchObject({
      price: '1100.00',
      old_price: '1200.50',
      categories: ['smartphones'],
      custom_fields: { color: 'black' },
      regional_data: [
        { external_id: 'msk', price: '1090.00', old_price: null, currency: 'RUB', count: 3, is_available: true },
      ],
      is_available: true,
      is_deleted: false,
    });
    expect((await as(() => ctx.get(GetCatalogItem).execute('product', 'sushi'))).price).toBe('1500');
    const categories = await ctx
      .em()
      .find(Category, { account: accountId }, { filters: false, orderBy: { externalId: 'asc' } });
    expect(categories.map((category) => [category.externalId, category.parentExternalId])).toEqual([
      ['phones', null],
      ['smartphones', 'phones'],
    ]);

    await importItems({
      data: [{ external_id: 'iphone17', name: 'iPhone 17 (2026)', price: '999.99', currency: 'RUB' }],
    });
    const again = await rows();
    expect(again.length).toBe(3);
    expect(again.find((row) => row.externalId === 'iphone17')).toMatchObject({
      name: 'iPhone 17 (2026)',
      price: 99999n,
      categories: [],
    });
  });

  it('fails the whole call with every item error in details, storing nothing', async () => {
    const before = await rows();
    const failure = await failureOf(
      importItems({
        data: [
          { external_id: 'ok-item', name: 'Fine', price: '10.00', currency: 'RUB' },
          { external_id: 'cents', name: 'Too precise', price: '10.001', currency: 'RUB' },
          { external_id: 'yen', name: 'Yen cents', price: '10.5', currency: 'JPY' },
          { external_id: 'no-cat', name: 'Bad category', categories: ['nope'] },
          { external_id: 'cf', name: 'Bad field', custom_fields: { colour: 'red' } },
          { external_id: 'cf-type', name: 'Bad type', custom_fields: { color: 5 } },
          { external_id: 'orphan', name: 'Orphan SKU', product_external_id: 'ghost', custom_fields: { memory: 1 } },
          { external_id: 'no-memory', name: 'SKU without required field', product_external_id: 'iphone17' },
          { external_id: 'region', name: 'Bad region', regional_data: [{ external_id: 'spb' }] },
          { external_id: 'ok-item', name: 'Twice' },
        ] as never,
      }),
    );
    expect(failure.code).toBe('VALIDATION_FAILED');
    expect(failure.details['failed_items']).toBe(9);
    expect(failure.details['fields']).toEqual([
      { path: 'data[1].price', message: 'must have at most 2 fraction digits' },
      { path: 'data[2].price', message: 'must be a whole number' },
      { path: 'data[3].categories[0]', message: 'unknown category' },
      { path: 'data[4].custom_fields.colour', message: 'no custom field with this id is defined' },
      { path: 'data[5].custom_fields.color', message: 'expected a value of type string' },
      { path: 'data[7].custom_fields.memory', message: 'this custom field is required' },
      { path: 'data[8].regional_data[0].external_id', message: 'unknown region' },
      { path: 'data[9].external_id', message: 'product "ok-item" is sent twice' },
      { path: 'data[6].product_external_id', message: 'unknown product' },
    ]);
    expect(await rows()).toEqual(before);
  });

  it('answers error 18 when the first bad item is a reference, and error 1 for a category cycle', async () => {
    const unknownCurrency = await failureOf(
      importItems({ data: [{ external_id: 'usd', name: 'USD item', price: '1.00', currency: 'USD' }] }),
    );
    expect(unknownCurrency).toMatchObject({
      code: 'UNKNOWN_REFERENCE',
      message: 'data[0].currency: currency "USD" is not one of the account\'s currencies',
    });
    const needsCurrency = await failureOf(importItems({ data: [{ external_id: 'p', name: 'P', price: '1.00' }] }));
    expect(needsCurrency.details['fields']).toEqual([
      { path: 'data[0].currency', message: 'is required with a price when the account has several currencies' },
    ]);
    const cycle = await failureOf(
      importItems({
        categories: [{ external_id: 'phones', name: 'Phones', parent_external_id: 'smartphones' }],
        data: [{ external_id: 'x', name: 'X' }],
      }),
    );
    expect(cycle).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'categories[0].parent_external_id: makes a cycle: "phones" would be its own ancestor',
    });
    const skuWithoutProduct = await failureOf(importItems({ data: [{ external_id: 's', name: 'S' }] as never }, true));
    expect(skuWithoutProduct.details['fields']).toEqual([
      { path: 'data[0].product_external_id', message: 'is required for a SKU' },
    ]);
  });

  it('imports SKUs through sku/import, lists them by product, and soft-deletes a product with its SKUs', async () => {
    expect(
      await importItems(
        {
          data: [
            {
              external_id: 'iphone17-512',
              name: '512',
              product_external_id: 'iphone17',
              custom_fields: { memory: 512 },
            },
          ],
        },
        true,
      ),
    ).toEqual({
      categories: 0,
      products: 0,
      skus: 1,
    });
    const skus = await as(() => ctx.get(ListCatalogItems).execute('sku', { productExternalId: 'iphone17' }));
    expect(skus.items.map((item) => item.external_id)).toEqual(['iphone17-256', 'iphone17-512']);
    expect(await as(() => ctx.get(DeleteCatalogItem).execute('product', 'iphone17'))).toEqual({ deleted: 3 });
    expect((await as(() => ctx.get(ListCatalogItems).execute('sku', {}))).totalCount).toBe(0);
    expect(
      (await as(() => ctx.get(ListCatalogItems).execute('product', {}))).items.map((item) => item.external_id),
    ).toEqual(['sushi']);
    expect((await as(() => ctx.get(ListCatalogItems).execute('product', { includeDeleted: true }))).totalCount).toBe(2);
    expect((await as(() => ctx.get(GetCatalogItem).execute('product', 'iphone17'))).is_deleted).toBe(true);
    expect((await failureOf(as(() => ctx.get(DeleteCatalogItem).execute('product', 'iphone17')))).code).toBe(
      'NOT_FOUND',
    );
    const orphan = await failureOf(
      importItems(
        {
          data: [
            {
              external_id: 'iphone17-1t',
              name: '1T',
              product_external_id: 'iphone17',
              custom_fields: { memory: 1024 },
            },
          ],
        },
        true,
      ),
    );
    expect(orphan.code).toBe('UNKNOWN_REFERENCE');
    await importItems({ data: [{ external_id: 'iphone17', name: 'Back' }] });
    expect((await as(() => ctx.get(GetCatalogItem).execute('product', 'iphone17'))).is_deleted).toBe(false);
  });

  it('serialises concurrent imports: two that together would make a cycle cannot both commit', async () => {
    await importItems({
      categories: [
        { external_id: 'left', name: 'Left' },
        { external_id: 'right', name: 'Right' },
      ],
      data: [{ external_id: 'lr', name: 'LR' }],
    });
    const outcomes = await Promise.allSettled([
      importItems({
        categories: [{ external_id: 'left', name: 'Left', parent_external_id: 'right' }],
        data: [{ external_id: 'lr', name: 'LR' }],
      }),
      importItems({
        categories: [{ external_id: 'right', name: 'Right', parent_external_id: 'left' }],
        data: [{ external_id: 'lr', name: 'LR' }],
      }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'VALIDATION_FAILED' });
    const categories = await ctx
      .em()
      .find(Category, { account: accountId, externalId: { $in: ['left', 'right'] } }, { filters: false });
    expect(categories.filter((category) => category.parentExternalId !== null)).toHaveLength(1);
  });

  it('keeps accounts apart', async () => {
    const other = <T>(fn: () => Promise<T>) => ctx.asAccount(otherAccountId, fn);
    expect((await failureOf(other(() => ctx.get(GetCatalogItem).execute('product', 'sushi')))).code).toBe('NOT_FOUND');
    expect((await other(() => ctx.get(ListCatalogItems).execute('product', {}))).totalCount).toBe(0);
    expect((await failureOf(other(() => ctx.get(DeleteCatalogItem).execute('product', 'sushi')))).code).toBe(
      'NOT_FOUND',
    );
    const foreignCategory = await failureOf(
      other(() =>
        ctx.get(ImportCatalogItems).execute({ data: [{ external_id: 'x', name: 'X', categories: ['phones'] }] }),
      ),
    );
    expect(foreignCategory.code).toBe('UNKNOWN_REFERENCE');
  });
});
