import type { IntegrationContext } from '@loyalty/testing';
import { createMarketTestContext } from './test-support/market-test-context';
import { CatalogStructureCache } from './read-model/catalog-structure-cache';
import { loadCartCatalog } from './read-model/load-cart-catalog';
import { CreateProductSegment } from './segments/create-product-segment.use-case';
import { CreateCustomField } from './use-cases/create-custom-field.use-case';
import { CreateMarketCurrency } from './use-cases/create-market-currency.use-case';
import { DeleteCatalogItem } from './use-cases/delete-catalog-item.use-case';
import { ImportCatalogItems } from './use-cases/import-catalog-items.use-case';

describe('cart catalog read model (real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let accountId: number;
  let otherAccountId: number;
  let expensive: number;
  let picks: number;
  const as = <T>(fn: () => Promise<T>, account = accountId) => ctx.asAccount(account, fn);

  beforeAll(async () => {
    ({ ctx, accountId, otherAccountId } = await createMarketTestContext('market-cart-catalog'));
    for (const account of [accountId, otherAccountId]) {
      await as(() => ctx.get(CreateMarketCurrency).execute({ code: 'RUB' }), account);
    }
    await as(() =>
      ctx
        .get(CreateCustomField)
        .execute({ external_id: 'color', name: 'Color', entity_type: 'sku', value_type: 'string' }),
    );
    const products = Array.from({ length: 20 }, (_, index) => ({
      external_id: `p${index + 1}`,
      name: `Product ${index + 1}`,
      price: `${(index + 1) * 10}.00`,
      categories: [index % 2 === 0 ? 'phones' : 'food'],
    }));
    await as(() =>
      ctx.get(ImportCatalogItems).execute({
        categories: [
          { external_id: 'electronics', name: 'Electronics' },
          { external_id: 'phones', name: 'Phones', parent_external_id: 'electronics' },
          { external_id: 'food', name: 'Food' },
        ],
        data: [
          ...products,
          {
            external_id: 'p1-red',
            name: 'Red',
            product_external_id: 'p1',
            price: '11.00',
            custom_fields: { color: 'red' },
          },
        ],
      }),
    );
    await as(
      () => ctx.get(ImportCatalogItems).execute({ data: [{ external_id: 'p1', name: 'Not mine', price: '1.00' }] }),
      otherAccountId,
    );
    await as(() => ctx.get(DeleteCatalogItem).execute('product', 'p20'));
    expensive = (
      await as(() =>
        ctx.get(CreateProductSegment).execute({
          name: 'Expensive electronics',
          entity: 'product',
          kind: 'dynamic',
          conditions: {
            all: [
              { field: 'category', op: 'eq', value: 'electronics' },
              { field: 'price', op: 'gte', value: '100.00' },
            ],
          },
        }),
      )
    ).id;
    picks = (
      await as(() =>
        ctx.get(CreateProductSegment).execute({ name: 'Red', entity: 'sku', kind: 'static', items: ['p1-red'] }),
      )
    ).id;
  });

  afterAll(() => ctx.close());

  /** Loads a cart's catalog with `structures`, answering it and the statements it took. */
  async function loadCounting(
    structures: CatalogStructureCache,
    lines: Array<{ product: string; sku?: string }>,
    account = accountId,
  ) {
    const em = ctx.em();
    const execute = jest.spyOn(em.getConnection(), 'execute');
    try {
      const catalog = await as(() => loadCartCatalog(em, lines, structures), account);
      return { catalog, statements: execute.mock.calls.length };
    } finally {
      execute.mockRestore();
    }
  }

  it('answers a 20-line cart in one statement once the structure is cached: items, SKU with product, categories, segments', async () => {
    const lines: Array<{ product: string; sku?: string }> = [
      ...Array.from({ length: 19 }, (_, index) => ({ product: `p${index + 1}` })),
      { product: 'p1', sku: 'p1-red' },
    ];
    const structures = new CatalogStructureCache();
    expect((await loadCounting(structures, lines)).statements).toBe(2);
    const { catalog, statements } = await loadCounting(structures, lines);
    expect(statements).toBe(1);

    const p11 = catalog.entry({ product: 'p11' });
    expect(p11?.product).toMatchObject({
      product: 'p11',
      sku: null,
      price: 11000n,
      minorDigits: 2,
      categories: ['phones'],
    });
    const red = catalog.entry({ product: 'p1', sku: 'p1-red' });
    expect(red?.sku).toMatchObject({ product: 'p1', sku: 'p1-red', price: 1100n, categories: ['phones'] });
    expect(red?.sku?.customFields.get('color')).toBe('red');
    expect(catalog.entry({ sku: 'p1-red' })?.product.product).toBe('p1');
    expect(catalog.entry({ product: 'p2', sku: 'p1-red' })).toBeNull();
    expect(catalog.entry({ product: 'p20' })).toBeNull();
    expect(catalog.entry({ product: 'nope' })).toBeNull();
    expect([...(catalog.categories.ancestorsOf('phones') ?? [])]).toEqual(['phones', 'electronics']);

    const inExpensive = lines.flatMap((line) => {
      const entry = catalog.entry(line);
      return entry && catalog.inSegment(expensive, entry) && !line.sku ? [line.product] : [];
    });
    expect(inExpensive).toEqual(['p11', 'p13', 'p15', 'p17', 'p19']);
    expect(catalog.inSegment(picks, red as NonNullable<typeof red>)).toBe(true);
    expect(catalog.inSegment(picks, p11 as NonNullable<typeof p11>)).toBe(false);
    expect(catalog.hasSegment(999_999)).toBe(false);
  });

  it('reads the structure again after a change to categories, segments, custom fields or currencies, in any process', async () => {
    const structures = new CatalogStructureCache();
    const cart = [{ product: 'p2' }];
    await loadCounting(structures, cart);
    expect((await loadCounting(structures, cart)).statements).toBe(1);

    await as(() =>
      ctx.get(ImportCatalogItems).execute({
        categories: [{ external_id: 'snacks', name: 'Snacks', parent_external_id: 'food' }],
        data: [],
      }),
    );
    const afterCategory = await loadCounting(structures, cart);
    expect(afterCategory.statements).toBe(2);
    expect([...(afterCategory.catalog.categories.ancestorsOf('snacks') ?? [])]).toEqual(['snacks', 'food']);
    expect((await loadCounting(structures, cart)).statements).toBe(1);

    const cheap = (
      await as(() =>
        ctx.get(CreateProductSegment).execute({
          name: 'Cheap',
          entity: 'product',
          kind: 'dynamic',
          conditions: { field: 'price', op: 'lt', value: '50.00' },
        }),
      )
    ).id;
    const afterSegment = await loadCounting(structures, cart);
    expect(afterSegment.statements).toBe(2);
    const p2 = afterSegment.catalog.entry({ product: 'p2' });
    expect(afterSegment.catalog.inSegment(cheap, p2 as NonNullable<typeof p2>)).toBe(true);

    await as(() =>
      ctx
        .get(CreateCustomField)
        .execute({ external_id: 'size', name: 'Size', entity_type: 'product', value_type: 'int' }),
    );
    expect((await loadCounting(structures, cart)).statements).toBe(2);
    await as(() => ctx.get(CreateMarketCurrency).execute({ code: 'USD' }));
    expect((await loadCounting(structures, cart)).statements).toBe(2);

    // Another account's change moves only that account's version.
    await as(() => ctx.get(CreateMarketCurrency).execute({ code: 'USD' }), otherAccountId);
    expect((await loadCounting(structures, cart)).statements).toBe(1);
  });

  it('sees only the caller account', async () => {
    const structures = new CatalogStructureCache();
    await loadCounting(structures, [{ product: 'p1' }]);
    const { catalog } = await loadCounting(structures, [{ product: 'p1' }, { product: 'p2' }], otherAccountId);
    expect(catalog.entry({ product: 'p1' })?.product.price).toBe(100n);
    expect(catalog.entry({ product: 'p2' })).toBeNull();
    expect(catalog.hasSegment(expensive)).toBe(false);
  });
});
