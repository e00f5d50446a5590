import { CatalogItemFacts } from './catalog-item-facts';
import { buildCategoryAncestry } from './category-ancestry';
import { customFieldFacts } from './custom-field-fact';
import { CustomFieldEntity, CustomFieldValueType } from './custom-field-types';
import { compileProductCondition } from './product-condition';

const declared: Record<string, CustomFieldValueType> = {
  pieces: 'int',
  rating: 'float',
  color: 'string',
  organic: 'bool',
  labels: 'list',
  launched: 'date',
};
const customFieldType = (entity: CustomFieldEntity, id: string) => (entity === 'product' ? declared[id] : undefined);
const lookups = { itemEntity: 'product' as const, customFieldType };

// clothes > shoes > sneakers; food
const categories = buildCategoryAncestry([
  { externalId: 'sneakers', parentExternalId: 'shoes' },
  { externalId: 'clothes', parentExternalId: null },
  { externalId: 'shoes', parentExternalId: 'clothes' },
  { externalId: 'food', parentExternalId: null },
]);

const shoe: CatalogItemFacts = {
  product: 'p-1',
  sku: null,
  name: 'Red Running Shoe',
  categories: ['sneakers'],
  tags: ['new', 'sale'],
  price: 12990n, // 129.90
  oldPrice: null,
  minorDigits: 2,
  isAvailable: true,
  count: 5,
  manufacturerName: 'Acme',
  customFields: customFieldFacts(
    { pieces: 2, rating: '4.5', color: 'red', organic: false, labels: ['eco', 'vegan'], launched: '2026-01-25' },
    (id) => declared[id],
  ),
};

const leaf = (field: string, op: string, value: unknown) => ({ field, op, value });
const matches = (tree: unknown, item: CatalogItemFacts = shoe) =>
  compileProductCondition(tree, lookups).matches(item, categories);

type Case = [string, string, unknown, boolean];

describe('compileProductCondition', () => {
  describe.each<[string, Case[]]>([
    [
      'product and sku (external ids)',
      [
        ['product', 'eq', 'p-1', true],
        ['product', 'eq', 'p-2', false],
        ['product', 'ne', 'p-2', true],
        ['product', 'in', ['p-2', 'p-1'], true],
        ['product', 'not_in', ['p-1'], false],
        ['product', 'exists', true, true],
        ['sku', 'exists', false, true],
        ['sku', 'eq', 's-1', false],
        ['sku', 'ne', 's-1', true],
        ['sku', 'in', ['s-1'], false],
        ['sku', 'not_in', ['s-1'], true],
      ],
    ],
    [
      'name and manufacturer_name (text)',
      [
        ['name', 'eq', 'Red Running Shoe', true],
        ['name', 'eq', 'red running shoe', false],
        ['name', 'contains', 'Running', true],
        ['name', 'contains', 'running', false],
        ['name', 'in', ['Red Running Shoe', 'Other'], true],
        ['name', 'not_in', ['Other'], true],
        ['manufacturer_name', 'eq', 'Acme', true],
        ['manufacturer_name', 'contains', 'cm', true],
        ['manufacturer_name', 'ne', 'Acme', false],
        ['manufacturer_name', 'exists', true, true],
      ],
    ],
    [
      'category (with sub-categories)',
      [
        ['category', 'eq', 'sneakers', true],
        ['category', 'eq', 'shoes', true],
        ['category', 'eq', 'clothes', true],
        ['category', 'eq', 'food', false],
        ['category', 'ne', 'clothes', false],
        ['category', 'ne', 'food', true],
        ['category', 'in', ['food', 'shoes'], true],
        ['category', 'not_in', ['food', 'shoes'], false],
        ['category', 'not_in', ['food'], true],
        ['category', 'exists', true, true],
      ],
    ],
    [
      'tags (list)',
      [
        ['tags', 'contains', 'sale', true],
        ['tags', 'contains', 'old', false],
        ['tags', 'in', ['old', 'new'], true],
        ['tags', 'in', ['old'], false],
        ['tags', 'not_in', ['old'], true],
        ['tags', 'not_in', ['old', 'sale'], false],
        ['tags', 'exists', true, true],
      ],
    ],
    [
      'price and old_price (money)',
      [
        ['price', 'eq', '129.90', true],
        ['price', 'eq', '129.9', true],
        ['price', 'eq', '129', false],
        ['price', 'ne', '129.90', false],
        ['price', 'gt', '129.89', true],
        ['price', 'gt', '129.90', false],
        ['price', 'gte', '129.90', true],
        ['price', 'lt', '129.91', true],
        ['price', 'lt', '129.90', false],
        ['price', 'lte', '129.90', true],
        ['price', 'lte', '129.89', false],
        ['price', 'in', ['1.00', '129.90'], true],
        ['price', 'not_in', ['129.90'], false],
        ['price', 'exists', true, true],
        ['old_price', 'exists', false, true],
        ['old_price', 'gt', '0', false],
        ['old_price', 'lt', '1000000', false],
        ['old_price', 'ne', '1.00', true],
      ],
    ],
    [
      'is_available (bool) and count (integer)',
      [
        ['is_available', 'eq', true, true],
        ['is_available', 'eq', false, false],
        ['is_available', 'ne', false, true],
        ['is_available', 'exists', true, true],
        ['count', 'eq', 5, true],
        ['count', 'ne', 5, false],
        ['count', 'gt', 4, true],
        ['count', 'gt', 5, false],
        ['count', 'gte', 5, true],
        ['count', 'lt', 5, false],
        ['count', 'lte', 5, true],
        ['count', 'in', [1, 5], true],
        ['count', 'not_in', [1, 5], false],
        ['count', 'exists', true, true],
      ],
    ],
    [
      'custom fields',
      [
        ['custom_fields.pieces', 'eq', 2, true],
        ['custom_fields.pieces', 'gt', 2, false],
        ['custom_fields.pieces', 'lte', 2, true],
        ['custom_fields.pieces', 'in', [1, 2], true],
        ['custom_fields.rating', 'eq', '4.50', true],
        ['custom_fields.rating', 'gt', '4.49', true],
        ['custom_fields.rating', 'gte', '4.51', false],
        ['custom_fields.rating', 'lt', '4.51', true],
        ['custom_fields.rating', 'not_in', ['4.5'], false],
        ['custom_fields.color', 'eq', 'red', true],
        ['custom_fields.color', 'contains', 'e', true],
        ['custom_fields.color', 'ne', 'red', false],
        ['custom_fields.organic', 'eq', false, true],
        ['custom_fields.organic', 'ne', false, false],
        ['custom_fields.organic', 'exists', true, true],
        ['custom_fields.labels', 'contains', 'vegan', true],
        ['custom_fields.labels', 'contains', 'halal', false],
        ['custom_fields.labels', 'in', ['halal', 'eco'], true],
        ['custom_fields.labels', 'not_in', ['halal'], true],
        ['custom_fields.labels', 'exists', false, false],
        ['custom_fields.launched', 'eq', '2026-01-25', true],
        ['custom_fields.launched', 'eq', '2026-01-25T00:00:00Z', true],
        ['custom_fields.launched', 'eq', '2026-01-25T00:00:00+03:00', false],
        ['custom_fields.launched', 'ne', '2026-01-26', true],
        ['custom_fields.launched', 'gt', '2026-01-24', true],
        ['custom_fields.launched', 'gt', '2026-01-25', false],
        ['custom_fields.launched', 'gt', '2026-01-24T23:59:59.999Z', true],
        ['custom_fields.launched', 'gte', '2026-01-25', true],
        ['custom_fields.launched', 'lt', '2026-01-25', false],
        ['custom_fields.launched', 'lt', '2026-01-26', true],
        ['custom_fields.launched', 'lte', '2026-01-25', true],
        ['custom_fields.launched', 'in', ['2026-01-01', '2026-01-25'], true],
        ['custom_fields.launched', 'not_in', ['2026-01-25'], false],
        ['custom_fields.launched', 'exists', true, true],
      ],
    ],
  ])('%s', (_, cases) => {
    it.each(cases)('%s %s %j is %p', (field, op, value, expected) => {
      expect(matches(leaf(field, op, value))).toBe(expected);
    });
  });

  it('reads an absent custom field as absent: only ne, not_in and exists false hold', () => {
    const bare = { ...shoe, customFields: new Map() };
    expect(matches(leaf('custom_fields.pieces', 'exists', false), bare)).toBe(true);
    expect(matches(leaf('custom_fields.pieces', 'ne', 2), bare)).toBe(true);
    expect(matches(leaf('custom_fields.pieces', 'not_in', [2]), bare)).toBe(true);
    expect(matches(leaf('custom_fields.pieces', 'lt', 100), bare)).toBe(false);
    expect(matches(leaf('custom_fields.labels', 'contains', 'eco'), bare)).toBe(false);
    expect(matches(leaf('custom_fields.launched', 'gte', '1970-01-01'), bare)).toBe(false);
  });

  it('reads a fact of the wrong representation as absent', () => {
    const wrong = { ...shoe, customFields: new Map([['rating', 4.5]]) };
    expect(matches(leaf('custom_fields.rating', 'exists', true), wrong)).toBe(false);
  });

  it('treats an empty tag list and an item without category as absent', () => {
    const bare = { ...shoe, tags: [], categories: [] };
    expect(matches(leaf('tags', 'exists', false), bare)).toBe(true);
    expect(matches(leaf('tags', 'not_in', ['sale']), bare)).toBe(true);
    expect(matches(leaf('category', 'exists', false), bare)).toBe(true);
    expect(matches(leaf('category', 'ne', 'food'), bare)).toBe(true);
    expect(matches(leaf('category', 'eq', 'food'), bare)).toBe(false);
  });

  it('matches a category the catalog does not know only by itself', () => {
    expect(matches(leaf('category', 'eq', 'outlet'), { ...shoe, categories: ['outlet'] })).toBe(true);
    expect(matches(leaf('category', 'eq', 'clothes'), { ...shoe, categories: ['outlet'] })).toBe(false);
  });

  it('compares money across minor digits exactly', () => {
    const yen = { ...shoe, price: 1299n, minorDigits: 0 as const };
    expect(matches(leaf('price', 'eq', '1299.00'), yen)).toBe(true);
    expect(matches(leaf('price', 'lt', '1299.01'), yen)).toBe(true);
    expect(matches(leaf('price', 'gt', '1298.99'), yen)).toBe(true);
    const huge = { ...shoe, price: 999_999_999_999_999n };
    expect(matches(leaf('price', 'eq', '9999999999999.99'), huge)).toBe(true);
    expect(matches(leaf('price', 'lt', '9999999999999.99'), huge)).toBe(false);
  });

  it('combines leaves with all, any and not', () => {
    const cheapSneakers = { all: [leaf('category', 'eq', 'shoes'), leaf('price', 'lt', '100')] };
    expect(matches(cheapSneakers)).toBe(false);
    expect(matches({ not: cheapSneakers })).toBe(true);
    expect(matches({ any: [cheapSneakers, leaf('tags', 'contains', 'sale')] })).toBe(true);
    expect(matches({ all: [{ not: leaf('sku', 'exists', true) }, { any: [leaf('count', 'gt', 10)] }] })).toBe(false);
  });

  it('reads SKU custom fields for a SKU segment', () => {
    const skuLookups = { itemEntity: 'sku' as const, customFieldType: () => 'string' as const };
    const sku = { ...shoe, sku: 's-1', customFields: new Map([['size', '42']]) };
    const condition = compileProductCondition(
      { all: [leaf('sku', 'eq', 's-1'), leaf('custom_fields.size', 'eq', '42')] },
      skuLookups,
    );
    expect(condition.matches(sku, categories)).toBe(true);
  });
});
