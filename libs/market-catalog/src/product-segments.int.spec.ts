import type { IntegrationContext } from '@loyalty/testing';
import { createMarketTestContext, fieldFailureOf } from './test-support/market-test-context';
import { CreateProductSegment } from './segments/create-product-segment.use-case';
import { GetProductSegment } from './segments/get-product-segment.use-case';
import { ListProductSegments } from './segments/list-product-segments.use-case';
import { ListSegmentMembers } from './segments/list-segment-members.use-case';
import { UpdateProductSegment } from './segments/update-product-segment.use-case';
import { CreateCustomField } from './use-cases/create-custom-field.use-case';
import { CreateMarketCurrency } from './use-cases/create-market-currency.use-case';
import { DeleteCatalogItem } from './use-cases/delete-catalog-item.use-case';
import { ImportCatalogItems } from './use-cases/import-catalog-items.use-case';

describe('product segments (real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let accountId: number;
  let otherAccountId: number;
  const as = <T>(fn: () => Promise<T>) => ctx.asAccount(accountId, fn);
  const failureOf = fieldFailureOf;

  beforeAll(async () => {
    ({ ctx, accountId, otherAccountId } = await createMarketTestContext('market-segments'));
    await as(() => ctx.get(CreateMarketCurrency).execute({ code: 'RUB' }));
    await as(() =>
      ctx
        .get(CreateCustomField)
        .execute({ external_id: 'color', name: 'Color', entity_type: 'sku', value_type: 'string' }),
    );
    await as(() =>
      ctx.get(ImportCatalogItems).execute({
        categories: [
          { external_id: 'electronics', name: 'Electronics' },
          { external_id: 'phones', name: 'Phones', parent_external_id: 'electronics' },
          { external_id: 'food', name: 'Food' },
        ],
        data: [
          { external_id: 'phone-a', name: 'Phone A', price: '999.99', categories: ['phones'], tags: ['new'] },
          { external_id: 'phone-b', name: 'Phone B', price: '100.00', categories: ['phones'] },
          { external_id: 'tv', name: 'TV', price: '1500.00', categories: ['electronics'], is_available: false },
          { external_id: 'bread', name: 'Bread', price: '1.50', categories: ['food'], tags: ['new'] },
          { external_id: 'phone-a-red', name: 'Red', product_external_id: 'phone-a', custom_fields: { color: 'red' } },
          {
            external_id: 'phone-a-blue',
            name: 'Blue',
            product_external_id: 'phone-a',
            custom_fields: { color: 'blue' },
          },
        ],
      }),
    );
  });

  afterAll(() => ctx.close());

  it('lists the members of a dynamic segment: categories with their children, money, availability', async () => {
    const { id } = await as(() =>
      ctx.get(CreateProductSegment).execute({
        name: 'Available electronics from 100',
        entity: 'product',
        kind: 'dynamic',
        conditions: {
          all: [
            { field: 'category', op: 'eq', value: 'electronics' },
            { field: 'price', op: 'gte', value: '100.00' },
            { field: 'is_available', op: 'eq', value: true },
          ],
        },
      }),
    );
    expect(await as(() => ctx.get(ListSegmentMembers).execute(id))).toEqual({
      items: ['phone-a', 'phone-b'],
      next_from_id: null,
    });
    await as(() =>
      ctx.get(UpdateProductSegment).execute(id, { conditions: { field: 'tags', op: 'contains', value: 'new' } }),
    );
    expect(await as(() => ctx.get(ListSegmentMembers).execute(id))).toEqual({
      items: ['phone-a', 'bread'],
      next_from_id: null,
    });
    const skus = await as(() =>
      ctx.get(CreateProductSegment).execute({
        name: 'Red phones',
        entity: 'sku',
        kind: 'dynamic',
        conditions: {
          all: [
            { field: 'custom_fields.color', op: 'eq', value: 'red' },
            { field: 'category', op: 'eq', value: 'phones' },
          ],
        },
      }),
    );
    expect((await as(() => ctx.get(ListSegmentMembers).execute(skus.id))).items).toEqual(['phone-a-red']);
    const firstPage = await as(() => ctx.get(ListSegmentMembers).execute(id, { limit: 1 }));
    expect(firstPage.items).toEqual(['phone-a']);
    const secondPage = await as(() =>
      ctx.get(ListSegmentMembers).execute(id, { fromId: firstPage.next_from_id, limit: 1 }),
    );
    expect(secondPage).toEqual({ items: ['bread'], next_from_id: null });
  });

  it('keeps a static segment to its listed live items', async () => {
    const { id } = await as(() =>
      ctx
        .get(CreateProductSegment)
        .execute({ name: 'Picks', entity: 'product', kind: 'static', items: ['tv', 'bread', 'ghost'] }),
    );
    expect((await as(() => ctx.get(ListSegmentMembers).execute(id))).items).toEqual(['tv', 'bread']);
    await as(() => ctx.get(DeleteCatalogItem).execute('product', 'tv'));
    expect((await as(() => ctx.get(ListSegmentMembers).execute(id))).items).toEqual(['bread']);
    expect(await as(() => ctx.get(GetProductSegment).execute(id))).toMatchObject({
      name: 'Picks',
      kind: 'static',
      items: ['tv', 'bread', 'ghost'],
      conditions: null,
    });
    expect((await as(() => ctx.get(ListProductSegments).execute({}))).totalCount).toBe(3);
  });

  it('refuses bad definitions naming the field, and answers 404 for missing and foreign segments', async () => {
    const create = (definition: Parameters<CreateProductSegment['execute']>[0]) =>
      failureOf(as(() => ctx.get(CreateProductSegment).execute(definition)));
    expect(
      await create({
        name: 'X',
        entity: 'product',
        kind: 'dynamic',
        conditions: { field: 'colour', op: 'eq', value: 'red' },
      }),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'conditions.field' }],
    });
    expect(
      await create({
        name: 'X',
        entity: 'product',
        kind: 'dynamic',
        conditions: { all: [{ field: 'price', op: 'gt', value: '1.001' }] },
      }),
    ).toMatchObject({
      fields: [{ path: 'conditions.all[0].value' }],
    });
    expect(await create({ name: 'X', entity: 'product', kind: 'dynamic' })).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'conditions', message: 'a dynamic segment needs conditions' }],
    });
    expect(
      await create({
        name: 'X',
        entity: 'product',
        kind: 'static',
        conditions: { field: 'name', op: 'eq', value: 'x' },
      }),
    ).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'conditions', message: 'a static segment has no conditions' }],
    });
    expect((await failureOf(as(() => ctx.get(ListSegmentMembers).execute(999_999)))).code).toBe('NOT_FOUND');
    expect((await failureOf(ctx.asAccount(otherAccountId, () => ctx.get(GetProductSegment).execute(1)))).code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await failureOf(ctx.asAccount(otherAccountId, () => ctx.get(UpdateProductSegment).execute(1, { name: 'Mine' }))))
        .code,
    ).toBe('NOT_FOUND');
  });
});
