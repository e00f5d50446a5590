import { buildCategoryAncestry } from './category-ancestry';
import { CustomFieldEntity, CustomFieldValueType } from './custom-field-types';
import { compileOrderCondition } from './order-condition';
import { LineFacts, OrderFacts } from './order-facts';

const declared: Record<string, CustomFieldValueType> = {
  'order:gift': 'bool',
  'line_order:engraving': 'string',
  'profile:kids': 'int',
};
const lookups = { customFieldType: (entity: CustomFieldEntity, id: string) => declared[`${entity}:${id}`] };

const line = (overrides: Partial<LineFacts>): LineFacts => ({
  product: 'p',
  sku: null,
  categories: [],
  price: 1000n,
  count: 1,
  customFields: new Map(),
  ...overrides,
});

const lines: LineFacts[] = [
  line({ product: 'sneaker', sku: 'sneaker-42', categories: ['sneakers'], price: 12990n, count: 2 }),
  line({ product: 'apple', categories: ['food'], price: 150n, count: 6 }),
  line({
    product: 'boot',
    sku: 'boot-40',
    categories: ['shoes'],
    price: 25000n,
    customFields: new Map([['engraving', 'A.B.']]),
  }),
];

/** Product segment 7 holds the apples; order segment 3 holds this order. */
const order: OrderFacts = {
  channel: 'web',
  endpoint: 'web-shop',
  region: 'msk',
  currency: 'RUB',
  minorDigits: 2,
  goodsTotal: 51880n,
  totalPrice: 52380n,
  tags: ['first_order'],
  customFields: new Map([['gift', true]]),
  lines,
  member: { tiers: new Set(['silver', 'club']), registeredDays: 40 },
  profileCustomFields: new Map([['kids', 2]]),
  now: { weekday: 5, hour: 18 },
  categories: buildCategoryAncestry([
    { externalId: 'clothes', parentExternalId: null },
    { externalId: 'shoes', parentExternalId: 'clothes' },
    { externalId: 'sneakers', parentExternalId: 'shoes' },
    { externalId: 'food', parentExternalId: null },
  ]),
  inOrderSegment: (segmentId) => segmentId === 3,
  inProductSegment: (segmentId, current) => segmentId === 7 && current.product === 'apple',
};

const leaf = (field: string, op: string, value: unknown) => ({ field, op, value });
const evaluate = (tree: unknown, facts: OrderFacts = order) => compileOrderCondition(tree, lookups).evaluate(facts);
const matches = (tree: unknown, facts: OrderFacts = order) => evaluate(tree, facts).matches;

type Case = [string, string, unknown, boolean];

describe('compileOrderCondition', () => {
  describe('order fields', () => {
    it.each<Case>([
      ['channel', 'eq', 'web', true],
      ['channel', 'in', ['pos', 'app'], false],
      ['endpoint', 'ne', 'web-shop', false],
      ['region', 'not_in', ['spb'], true],
      ['currency', 'eq', 'RUB', true],
      ['goods_total', 'gte', '518.80', true],
      ['goods_total', 'gt', '518.80', false],
      ['total_price', 'lt', '523.81', true],
      ['total_price', 'lte', '523.79', false],
      ['items_count', 'eq', 9, true],
      ['items_count', 'gt', 9, false],
      ['lines_count', 'eq', 3, true],
      ['lines_count', 'lt', 3, false],
      ['order.tags', 'contains', 'first_order', true],
      ['order.tags', 'exists', false, false],
      ['order.custom_fields.gift', 'eq', true, true],
      ['member.tier', 'eq', 'club', true],
      ['member.tier', 'eq', 'gold', false],
      ['member.tier', 'in', ['gold', 'silver'], true],
      ['member.tier', 'ne', 'silver', false],
      ['member.tier', 'not_in', ['gold'], true],
      ['member.is_member', 'eq', true, true],
      ['member.registered_days', 'gte', 30, true],
      ['member.registered_days', 'lt', 30, false],
      ['profile.custom_fields.kids', 'gt', 1, true],
      ['now.weekday', 'in', [6, 7], false],
      ['now.weekday', 'eq', 5, true],
      ['now.weekday', 'lte', 5, true],
      ['now.hour', 'gte', 18, true],
      ['now.hour', 'lt', 18, false],
      ['now.hour', 'ne', 18, false],
      ['order_segment', 'eq', 3, true],
      ['order_segment', 'ne', 3, false],
      ['order_segment', 'in', [1, 2], false],
      ['order_segment', 'not_in', [1, 2], true],
    ])('%s %s %j is %p', (field, op, value, expected) => {
      const result = evaluate(leaf(field, op, value));
      expect(result).toEqual({ matches: expected, lineIndexes: expected ? [0, 1, 2] : [] });
    });

    it('reads a guest: no member, no tier, no registration days, empty channel', () => {
      const guest = { ...order, member: null, channel: null, profileCustomFields: new Map() };
      expect(matches(leaf('member.is_member', 'eq', false), guest)).toBe(true);
      expect(matches(leaf('member.tier', 'exists', false), guest)).toBe(true);
      expect(matches(leaf('member.tier', 'ne', 'silver'), guest)).toBe(true);
      expect(matches(leaf('member.registered_days', 'gte', 0), guest)).toBe(false);
      expect(matches(leaf('channel', 'exists', false), guest)).toBe(true);
      expect(matches(leaf('profile.custom_fields.kids', 'exists', true), guest)).toBe(false);
    });

    it('compares order money in the currency minor digits', () => {
      const yen = { ...order, minorDigits: 0 as const, goodsTotal: 5188n };
      expect(matches(leaf('goods_total', 'eq', '5188'), yen)).toBe(true);
      expect(matches(leaf('goods_total', 'lt', '5188.01'), yen)).toBe(true);
    });
  });

  describe('line fields', () => {
    it.each<[string, string, unknown, number[]]>([
      ['line.product', 'eq', 'apple', [1]],
      ['line.product', 'in', ['apple', 'boot'], [1, 2]],
      ['line.sku', 'exists', true, [0, 2]],
      ['line.sku', 'ne', 'boot-40', [0, 1]],
      ['line.category', 'eq', 'shoes', [0, 2]],
      ['line.category', 'eq', 'clothes', [0, 2]],
      ['line.category', 'not_in', ['clothes'], [1]],
      ['line.product_segment', 'eq', 7, [1]],
      ['line.product_segment', 'ne', 7, [0, 2]],
      ['line.product_segment', 'in', [1, 7], [1]],
      ['line.price', 'gte', '129.90', [0, 2]],
      ['line.price', 'lt', '2', [1]],
      ['line.custom_fields.engraving', 'exists', true, [2]],
      ['line.custom_fields.engraving', 'contains', 'A.', [2]],
      ['line.category', 'eq', 'toys', []],
    ])('%s %s %j picks lines %j', (field, op, value, lineIndexes) => {
      expect(evaluate(leaf(field, op, value))).toEqual({ matches: lineIndexes.length > 0, lineIndexes });
    });

    it('evaluates a line condition per line, with the order facts on every line', () => {
      const bigShoeOrder = { all: [leaf('goods_total', 'gte', '500'), leaf('line.category', 'eq', 'shoes')] };
      expect(evaluate(bigShoeOrder)).toEqual({ matches: true, lineIndexes: [0, 2] });
      const smallOrder = { ...order, goodsTotal: 100n };
      expect(evaluate(bigShoeOrder, smallOrder)).toEqual({ matches: false, lineIndexes: [] });
    });

    it('negates per line', () => {
      expect(evaluate({ not: leaf('line.category', 'eq', 'shoes') })).toEqual({ matches: true, lineIndexes: [1] });
      // Not (large order and shoe line): every line of a small order, the non-shoe lines of a large one.
      const notBigShoe = { not: { all: [leaf('goods_total', 'gte', '500'), leaf('line.category', 'eq', 'shoes')] } };
      expect(evaluate(notBigShoe).lineIndexes).toEqual([1]);
      expect(evaluate(notBigShoe, { ...order, goodsTotal: 100n }).lineIndexes).toEqual([0, 1, 2]);
    });

    it('lets an order-level leaf in an any pick every line', () => {
      const tree = { any: [leaf('member.tier', 'eq', 'gold'), leaf('line.price', 'lt', '10')] };
      expect(evaluate(tree).lineIndexes).toEqual([1]);
      const gold = { ...order, member: { tiers: new Set(['gold']), registeredDays: 1 } };
      expect(evaluate(tree, gold).lineIndexes).toEqual([0, 1, 2]);
    });

    it('needs the same line to satisfy every line leaf of an all', () => {
      const tree = { all: [leaf('line.category', 'eq', 'food'), leaf('line.price', 'gt', '100')] };
      expect(evaluate(tree)).toEqual({ matches: false, lineIndexes: [] });
    });

    it('never matches an order without lines, and flags line conditions', () => {
      const empty = { ...order, lines: [] };
      expect(evaluate({ not: leaf('line.product', 'eq', 'x') }, empty)).toEqual({ matches: false, lineIndexes: [] });
      expect(evaluate(leaf('channel', 'eq', 'web'), empty)).toEqual({ matches: true, lineIndexes: [] });
      expect(compileOrderCondition({ not: leaf('line.sku', 'exists', true) }, lookups).isLineCondition).toBe(true);
      expect(compileOrderCondition(leaf('order_segment', 'eq', 1), lookups).isLineCondition).toBe(false);
    });

    it('asks the product segment callback about each line', () => {
      const asked: string[] = [];
      const spy = {
        ...order,
        inProductSegment: (segmentId: number, current: LineFacts) => {
          asked.push(`${segmentId}:${current.product}`);
          return false;
        },
      };
      evaluate(leaf('line.product_segment', 'in', [4, 5]), spy);
      expect(asked).toEqual(['4:sneaker', '5:sneaker', '4:apple', '5:apple', '4:boot', '5:boot']);
    });
  });
});
