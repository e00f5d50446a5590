import fc from 'fast-check';
import { formatDecimal, Money, parseDecimal } from '@loyalty/kernel';
import { CatalogItemFacts } from './catalog-item-facts';
import { buildCategoryAncestry, CategoryLink } from './category-ancestry';
import { customFieldFacts } from './custom-field-fact';
import { CustomFieldValueType } from './custom-field-types';
import { compileProductCondition } from './product-condition';

/**
 * The compiled evaluator against a deliberately naive reference written from the rules alone: it
 * walks parent links per item, parses decimal text at every comparison and reads dates with
 * `Date.parse`, sharing no code with the engine but the kernel's decimal parser.
 */

interface RawItem {
  product: string;
  sku: string | null;
  name: string;
  categories: string[];
  tags: string[];
  price: string | null;
  oldPrice: string | null;
  minorDigits: 0 | 2;
  isAvailable: boolean;
  count: number | null;
  manufacturerName: string | null;
  customFields: Record<string, unknown>;
}

type RawLeaf = { field: string; op: string; value: unknown };
type RawTree = { all: RawTree[] } | { any: RawTree[] } | { not: RawTree } | RawLeaf;

const CUSTOM_FIELDS: Record<string, CustomFieldValueType> = {
  pieces: 'int',
  rating: 'float',
  color: 'string',
  organic: 'bool',
  labels: 'list',
  launched: 'date',
};
const lookups = { itemEntity: 'product' as const, customFieldType: (_: unknown, id: string) => CUSTOM_FIELDS[id] };

// ---- the naive reference ----

type ReferenceType = 'text' | 'category' | 'list' | 'money' | 'int' | 'bool' | 'date';

const REFERENCE_TYPES: Record<string, ReferenceType> = {
  product: 'text',
  sku: 'text',
  name: 'text',
  manufacturer_name: 'text',
  category: 'category',
  tags: 'list',
  price: 'money',
  old_price: 'money',
  is_available: 'bool',
  count: 'int',
  'custom_fields.pieces': 'int',
  'custom_fields.rating': 'money',
  'custom_fields.color': 'text',
  'custom_fields.organic': 'bool',
  'custom_fields.labels': 'list',
  'custom_fields.launched': 'date',
};

const CUSTOM_FIELD_IDS: Record<string, string> = Object.fromEntries(
  Object.keys(CUSTOM_FIELDS).map((id) => [`custom_fields.${id}`, id]),
);

function rawValue(field: string, item: RawItem): unknown {
  switch (field) {
    case 'product':
      return item.product;
    case 'sku':
      return item.sku;
    case 'name':
      return item.name;
    case 'manufacturer_name':
      return item.manufacturerName;
    case 'category':
      return item.categories;
    case 'tags':
      return item.tags;
    case 'price':
      return item.price;
    case 'old_price':
      return item.oldPrice;
    case 'is_available':
      return item.isAvailable;
    case 'count':
      return item.count;
    default:
      return item.customFields[CUSTOM_FIELD_IDS[field]];
  }
}

function inCategory(direct: string[], wanted: string, parentOf: Map<string, string | null>): boolean {
  return direct.some((category) => {
    for (let id: string | null | undefined = category; id != null; id = parentOf.get(id)) {
      if (id === wanted) {
        return true;
      }
    }
    return false;
  });
}

const utcDay = (text: string) => new Date(Date.parse(text)).toISOString().slice(0, 10);

/** -1, 0 or 1: `actual` against `expected`, for every type with an order. */
function naiveCompare(type: ReferenceType, actual: unknown, expected: unknown): number {
  const sign = (a: number | bigint | string, b: number | bigint | string) => (a < b ? -1 : a > b ? 1 : 0);
  switch (type) {
    case 'money':
      return sign(parseDecimal(String(actual), 2), parseDecimal(String(expected), 2));
    case 'int':
      return sign(Number(actual), Number(expected));
    case 'date':
      return /T/.test(String(expected))
        ? sign(Date.parse(String(actual)), Date.parse(String(expected)))
        : sign(utcDay(String(actual)), String(expected));
    default:
      throw new Error(`no order on ${type}`);
  }
}

function naiveEquals(type: ReferenceType, actual: unknown, expected: unknown, parentOf: Map<string, string | null>) {
  switch (type) {
    case 'category':
      return inCategory(actual as string[], String(expected), parentOf);
    case 'list':
      return (actual as string[]).includes(String(expected));
    case 'money':
    case 'int':
    case 'date':
      return naiveCompare(type, actual, expected) === 0;
    default:
      return actual === expected;
  }
}

function naiveLeaf(leaf: RawLeaf, item: RawItem, parentOf: Map<string, string | null>): boolean {
  const type = REFERENCE_TYPES[leaf.field];
  const actual = rawValue(leaf.field, item);
  const present = actual !== undefined && actual !== null && !(Array.isArray(actual) && actual.length === 0);
  if (leaf.op === 'exists') {
    return present === leaf.value;
  }
  if (!present) {
    return leaf.op === 'ne' || leaf.op === 'not_in';
  }
  const equals = (expected: unknown) => naiveEquals(type, actual, expected, parentOf);
  switch (leaf.op) {
    case 'eq':
      return equals(leaf.value);
    case 'ne':
      return !equals(leaf.value);
    case 'in':
      return (leaf.value as unknown[]).some(equals);
    case 'not_in':
      return !(leaf.value as unknown[]).some(equals);
    case 'contains':
      return type === 'list' ? equals(leaf.value) : String(actual).includes(String(leaf.value));
    case 'gt':
      return naiveCompare(type, actual, leaf.value) > 0;
    case 'gte':
      return naiveCompare(type, actual, leaf.value) >= 0;
    case 'lt':
      return naiveCompare(type, actual, leaf.value) < 0;
    case 'lte':
      return naiveCompare(type, actual, leaf.value) <= 0;
    default:
      throw new Error(`unknown op ${leaf.op}`);
  }
}

function naiveMatches(tree: RawTree, item: RawItem, parentOf: Map<string, string | null>): boolean {
  if ('all' in tree) {
    return tree.all.every((child) => naiveMatches(child, item, parentOf));
  }
  if ('any' in tree) {
    return tree.any.some((child) => naiveMatches(child, item, parentOf));
  }
  if ('not' in tree) {
    return !naiveMatches(tree.not, item, parentOf);
  }
  return naiveLeaf(tree, item, parentOf);
}

// ---- generators ----

// About 1 category id in 20 is one the catalog does not have.
const categoryId = (categoryCount: number) => fc.nat(Math.ceil(categoryCount * 1.05)).map((n) => `c${n}`);

function forestArb(categoryCount: number): fc.Arbitrary<CategoryLink[]> {
  return fc
    .array(fc.option(fc.nat(), { nil: null, freq: 6 }), { minLength: categoryCount, maxLength: categoryCount })
    .map((parents) =>
      parents.map((parent, index) => ({
        externalId: `c${index}`,
        parentExternalId: parent === null || index === 0 ? null : `c${parent % index}`,
      })),
    );
}

const TAGS = ['new', 'sale', 'hit', 'gift', 'eco'];
const WORDS = ['Red', 'Blue', 'Shoe', 'Apple', 'Pro', 'Mini'];
const COLORS = ['red', 'green', 'blue', 'dark red'];
const LABELS = ['eco', 'vegan', 'halal', 'local'];
const DAYS = ['2026-01-24', '2026-01-25', '2026-01-26', '2026-02-28', '2026-03-01'];
const INSTANTS = ['2026-01-25T00:00:00.000Z', '2026-01-25T12:30:00.000Z', '2026-01-25T23:59:59.999Z'];

const productId = fc.nat(40).map((n) => `p${n}`);
const skuId = fc.nat(20).map((n) => `s${n}`);
const nameArb = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
const manufacturerArb = fc.constantFrom('Acme', 'Globex', 'Initech');
const moneyTextArb = (scale: 0 | 1 | 2) =>
  fc.bigInt({ min: 0n, max: 30000n }).map((units) => formatDecimal(units, scale));
const ratingArb = fc.bigInt({ min: -50n, max: 500n }).map((units) => formatDecimal(units, 2));
const launchedArb = fc.oneof(
  fc.constantFrom(...DAYS),
  fc.constantFrom(...INSTANTS),
  fc.constantFrom('2026-01-25T02:00:00+03:00', '2026-01-25T22:00:00-03:00'),
);

function itemArb(categoryCount: number): fc.Arbitrary<RawItem> {
  return fc
    .record({
      product: productId,
      sku: fc.option(skuId, { nil: null }),
      name: nameArb,
      categories: fc.array(categoryId(categoryCount), { maxLength: 3 }),
      tags: fc.subarray(TAGS),
      minorDigits: fc.constantFrom<0 | 2>(0, 2),
      priceUnits: fc.option(fc.bigInt({ min: 0n, max: 30000n }), { nil: null }),
      oldPriceUnits: fc.option(fc.bigInt({ min: 0n, max: 30000n }), { nil: null }),
      isAvailable: fc.boolean(),
      count: fc.option(fc.nat(20), { nil: null }),
      manufacturerName: fc.option(manufacturerArb, { nil: null }),
      customFields: fc.record(
        {
          pieces: fc.integer({ min: -5, max: 20 }),
          rating: ratingArb,
          color: fc.constantFrom(...COLORS),
          organic: fc.boolean(),
          labels: fc.subarray(LABELS),
          launched: launchedArb,
        },
        { requiredKeys: [] },
      ),
    })
    .map(({ priceUnits, oldPriceUnits, ...item }) => ({
      ...item,
      price: priceUnits === null ? null : formatDecimal(priceUnits, item.minorDigits),
      oldPrice: oldPriceUnits === null ? null : formatDecimal(oldPriceUnits, item.minorDigits),
    }));
}

function leafArb(field: string, ops: string[], valueArb: fc.Arbitrary<unknown>): fc.Arbitrary<RawLeaf> {
  return fc
    .constantFrom(...ops)
    .chain((op) =>
      (op === 'exists'
        ? fc.boolean()
        : op === 'in' || op === 'not_in'
          ? fc.array(valueArb, { minLength: 1, maxLength: 3 })
          : valueArb
      ).map((value) => ({ field, op, value })),
    );
}

const IDENTITY = ['eq', 'ne', 'in', 'not_in', 'exists'];
const TEXT = [...IDENTITY, 'contains'];
const ORDERED = [...IDENTITY, 'gt', 'gte', 'lt', 'lte'];
const LIST = ['contains', 'in', 'not_in', 'exists'];

function treeArb(categoryCount: number): fc.Arbitrary<RawTree> {
  const leaves = fc.oneof(
    leafArb('product', IDENTITY, productId),
    leafArb('sku', IDENTITY, skuId),
    leafArb('name', TEXT, fc.oneof(nameArb, fc.constantFrom(...WORDS), fc.constantFrom('e', 'Sh'))),
    leafArb('manufacturer_name', TEXT, fc.oneof(manufacturerArb, fc.constantFrom('c', 'o'))),
    leafArb('category', IDENTITY, categoryId(categoryCount)),
    leafArb('category', IDENTITY, categoryId(categoryCount)),
    leafArb('tags', LIST, fc.constantFrom(...TAGS)),
    leafArb('price', ORDERED, fc.oneof(moneyTextArb(0), moneyTextArb(1), moneyTextArb(2))),
    leafArb('old_price', ORDERED, moneyTextArb(2)),
    leafArb('is_available', ['eq', 'ne', 'exists'], fc.boolean()),
    leafArb('count', ORDERED, fc.integer({ min: -1, max: 21 })),
    leafArb('custom_fields.pieces', ORDERED, fc.integer({ min: -6, max: 21 })),
    leafArb('custom_fields.rating', ORDERED, fc.oneof(ratingArb, moneyTextArb(1))),
    leafArb('custom_fields.color', TEXT, fc.oneof(fc.constantFrom(...COLORS), fc.constantFrom('re', 'd r'))),
    leafArb('custom_fields.organic', ['eq', 'ne', 'exists'], fc.boolean()),
    leafArb('custom_fields.labels', LIST, fc.constantFrom(...LABELS)),
    leafArb('custom_fields.launched', ORDERED, fc.constantFrom(...DAYS, ...INSTANTS)),
  );
  const { tree } = fc.letrec<{ tree: RawTree }>((tie) => ({
    tree: fc.oneof(
      { maxDepth: 4, depthIdentifier: 'condition' },
      leaves,
      fc.record({ all: fc.array(tie('tree'), { minLength: 1, maxLength: 4 }) }),
      fc.record({ any: fc.array(tie('tree'), { minLength: 1, maxLength: 4 }) }),
      fc.record({ not: tie('tree') }),
    ),
  }));
  return tree;
}

// ---- the comparison ----

function catalogFacts(item: RawItem): CatalogItemFacts {
  return {
    ...item,
    price: item.price === null ? null : Money.parse(item.price, item.minorDigits),
    oldPrice: item.oldPrice === null ? null : Money.parse(item.oldPrice, item.minorDigits),
    customFields: customFieldFacts(item.customFields, (id) => CUSTOM_FIELDS[id]),
  };
}

/** How many items the tree selects; fails on the first item where the two evaluators disagree. */
function compareOnCatalog(tree: RawTree, forest: CategoryLink[], items: RawItem[], facts: CatalogItemFacts[]): number {
  const ancestry = buildCategoryAncestry([...forest].reverse());
  const parentOf = new Map(forest.map((category) => [category.externalId, category.parentExternalId]));
  const condition = compileProductCondition(tree, lookups);
  let selected = 0;
  facts.forEach((item, index) => {
    const compiled = condition.matches(item, ancestry);
    const reference = naiveMatches(tree, items[index], parentOf);
    if (compiled !== reference) {
      throw new Error(`item ${JSON.stringify(items[index])}: compiled ${compiled}, reference ${reference}`);
    }
    selected += compiled ? 1 : 0;
  });
  return selected;
}

describe('compiled product conditions against a naive reference (property)', () => {
  it('select the same items of a 10,000-item catalog in 200 categories, for 30 random trees', () => {
    const [{ forest, items }] = fc.sample(
      fc.record({
        forest: forestArb(200),
        items: fc.array(itemArb(200), { minLength: 10_000, maxLength: 10_000 }),
      }),
      { numRuns: 1, seed: 20260125 },
    );
    const facts = items.map(catalogFacts);
    const selectedCounts: number[] = [];
    fc.assert(
      fc.property(treeArb(200), (tree) => {
        selectedCounts.push(compareOnCatalog(tree, forest, items, facts));
      }),
      { numRuns: 30 },
    );
    // Enough trees select some but not all items for the comparison to mean something.
    const informative = selectedCounts.filter((count) => count > 0 && count < items.length);
    expect(informative.length).toBeGreaterThanOrEqual(10);
  }, 60_000); // about 3 s alone; the margin is for a loaded CI machine

  it('agree on small random catalogs (shrinkable counterexamples)', () => {
    fc.assert(
      fc.property(
        forestArb(12),
        fc.array(itemArb(12), { minLength: 1, maxLength: 20 }),
        treeArb(12),
        (forest, items, tree) => {
          compareOnCatalog(tree, forest, items, items.map(catalogFacts));
        },
      ),
      { numRuns: 300 },
    );
  });
});
