import { DomainError } from '@loyalty/kernel';
import { CustomFieldEntity, CustomFieldValueType } from './custom-field-types';
import { compileOrderCondition } from './order-condition';
import { compileProductCondition } from './product-condition';
import { validateConditionTree } from './validate-condition-tree';

const declared: Record<string, CustomFieldValueType> = {
  'product:color': 'string',
  'product:rating': 'float',
  'product:launched': 'date',
  'product:labels': 'list',
  'order:gift': 'bool',
  'line_order:engraving': 'string',
  'profile:kids': 'int',
};
const customFieldType = (entity: CustomFieldEntity, id: string) => declared[`${entity}:${id}`];
const productLookups = { itemEntity: 'product' as const, customFieldType };
const orderLookups = { customFieldType };

/** The path and message of the validation error `compile` throws. */
function validationError(compile: () => unknown): { path: string; message: string } {
  try {
    compile();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const domainError = error as DomainError;
    expect(domainError.code).toBe('VALIDATION_FAILED');
    const [field] = domainError.details.fields ?? [];
    return field;
  }
  throw new Error('expected a validation error');
}

const productError = (tree: unknown) => validationError(() => compileProductCondition(tree, productLookups));
const orderError = (tree: unknown) => validationError(() => compileOrderCondition(tree, orderLookups));

const leaf = (field: string, op: string, value: unknown) => ({ field, op, value });
const price100 = leaf('price', 'gte', '100.00');

describe('condition tree validation', () => {
  it('accepts well-formed trees and returns them compiled', () => {
    const tree = { all: [price100, { any: [leaf('tags', 'contains', 'new'), { not: leaf('sku', 'exists', true) }] }] };
    expect(compileProductCondition(tree, productLookups).tree).toBe(tree);
    expect(validateConditionTree(tree, 'product', productLookups).tree).toBe(tree);
    expect(validateConditionTree(leaf('now.hour', 'lt', 12), 'order', orderLookups).isLineCondition).toBe(false);
  });

  describe('structure', () => {
    it.each([
      ['a non-object root', 'price', 'conditions'],
      ['an array root', [price100], 'conditions'],
      ['null inside a group', { all: [price100, null] }, 'conditions.all[1]'],
      ['a node with no known key', { any: [{ every: [price100] }] }, 'conditions.any[0]'],
      ['a non-object not', { not: [price100] }, 'conditions.not'],
    ])('refuses %s', (_, tree, path) => {
      expect(productError(tree)).toEqual({ path, message: expect.stringContaining('must be {"all": [...]}') });
    });

    it.each([
      ['an empty all', { all: [] }, 'conditions.all'],
      ['an empty any deep inside', { all: [price100, { not: { any: [] } }] }, 'conditions.all[1].not.any'],
      ['an all that is not an array', { all: price100 }, 'conditions.all'],
    ])('refuses %s', (_, tree, path) => {
      expect(productError(tree)).toEqual({ path, message: 'must be a non-empty array of conditions' });
    });

    it.each([
      ['a leaf', { all: [price100, { ...price100, comment: 'x' }] }, 'conditions.all[1].comment'],
      ['a group', { all: [price100], any: [price100] }, 'conditions.any'],
      ['a not', { not: price100, field: 'price' }, 'conditions.field'],
    ])('refuses an extra key on %s, naming it', (_, tree, path) => {
      expect(productError(tree)).toEqual({ path, message: expect.stringContaining('is not allowed') });
    });

    it('allows 10 levels and refuses the 11th, naming the node that is too deep', () => {
      const nested = (levels: number): unknown => (levels === 1 ? price100 : { not: nested(levels - 1) });
      expect(() => compileProductCondition(nested(10), productLookups)).not.toThrow();
      expect(productError(nested(11))).toEqual({
        path: `conditions${'.not'.repeat(10)}`,
        message: 'nests deeper than 10 levels',
      });
      expect(productError({ all: [price100, { any: [nested(9)] }] }).path).toBe(
        `conditions.all[1].any[0]${'.not'.repeat(8)}`,
      );
    });

    it('allows 200 nodes and refuses 201, naming the tree', () => {
      expect(() => compileProductCondition({ all: Array(199).fill(price100) }, productLookups)).not.toThrow();
      expect(productError({ all: Array(200).fill(price100) })).toEqual({
        path: 'conditions',
        message: 'must have at most 200 nodes',
      });
      expect(
        validationError(() =>
          compileOrderCondition(
            { any: Array(500).fill(leaf('goods_total', 'gte', '1.00')) },
            orderLookups,
            'data.conditions',
          ),
        ),
      ).toEqual({ path: 'data.conditions', message: 'must have at most 200 nodes' });
    });
  });

  describe('fields', () => {
    it('refuses an unknown field and a field of the other scope', () => {
      expect(productError({ all: [price100, price100, leaf('colour', 'eq', 'red')] })).toEqual({
        path: 'conditions.all[2].field',
        message: 'unknown field "colour"',
      });
      expect(productError(leaf('line.price', 'gt', '1.00')).path).toBe('conditions.field');
      expect(orderError(leaf('price', 'gt', '1.00')).path).toBe('conditions.field');
      expect(productError({ not: { field: 42, op: 'eq', value: 'x' } })).toEqual({
        path: 'conditions.not.field',
        message: 'must be a field name such as "price"',
      });
    });

    it('refuses a custom field that is not declared for the entity', () => {
      expect(productError(leaf('custom_fields.size', 'eq', 'L'))).toEqual({
        path: 'conditions.field',
        message: 'unknown product custom field "size"',
      });
      expect(productError(leaf('custom_fields.', 'eq', 'L')).path).toBe('conditions.field');
      // `engraving` is a line field, not a product one; `color` is a product field, not a SKU one.
      expect(productError(leaf('custom_fields.engraving', 'eq', 'x')).path).toBe('conditions.field');
      const skuLookups = { itemEntity: 'sku' as const, customFieldType };
      expect(
        validationError(() => compileProductCondition(leaf('custom_fields.color', 'eq', 'red'), skuLookups)).message,
      ).toBe('unknown sku custom field "color"');
      expect(orderError({ any: [leaf('line.custom_fields.gift', 'eq', true)] })).toEqual({
        path: 'conditions.any[0].field',
        message: 'unknown line_order custom field "gift"',
      });
      expect(() => compileOrderCondition(leaf('order.custom_fields.gift', 'eq', true), orderLookups)).not.toThrow();
    });
  });

  describe('ops', () => {
    it('refuses an unknown op', () => {
      expect(productError({ all: [price100, leaf('price', 'between', ['1.00', '2.00'])] })).toEqual({
        path: 'conditions.all[1].op',
        message: 'must be one of eq, ne, in, not_in, gt, gte, lt, lte, contains, exists',
      });
      expect(productError({ field: 'price', value: '1.00' }).path).toBe('conditions.op');
    });

    it.each([
      ['tags', 'gt', 'x', 'contains, in, not_in, exists'],
      ['product', 'contains', 'p', 'eq, ne, in, not_in, exists'],
      ['is_available', 'in', [true], 'eq, ne, exists'],
      ['price', 'contains', '1.00', 'eq, ne, gt, gte, lt, lte, in, not_in, exists'],
      ['category', 'lt', 'shoes', 'eq, ne, in, not_in, exists'],
      ['custom_fields.labels', 'eq', 'x', 'contains, in, not_in, exists'],
      ['custom_fields.color', 'gte', 'red', 'eq, ne, in, not_in, contains, exists'],
    ])('refuses %s %s', (field, op, value, allowed) => {
      expect(productError({ any: [price100, price100, leaf(field, op, value)] })).toEqual({
        path: 'conditions.any[2].op',
        message: `"${op}" does not apply to "${field}"; use one of ${allowed}`,
      });
    });

    it.each([
      ['now.weekday', 'exists', true],
      ['order_segment', 'exists', true],
      ['line.product_segment', 'gt', 1],
      ['member.is_member', 'gt', true],
    ])('refuses %s %s in the order scope', (field, op, value) => {
      expect(orderError(leaf(field, op, value)).path).toBe('conditions.op');
    });
  });

  describe('values', () => {
    it('requires a value', () => {
      expect(productError({ field: 'sku', op: 'exists' })).toEqual({
        path: 'conditions.value',
        message: 'is required',
      });
    });

    it.each([
      [leaf('price', 'gt', 100), 'must be a decimal string such as "100.00"'],
      [leaf('price', 'gt', '100.005'), 'must have at most 2 fraction digits'],
      [leaf('old_price', 'lte', '1e3'), 'must be a decimal number such as "100.50"'],
      [leaf('price', 'eq', '0100'), 'must not have leading zeros'],
      [leaf('custom_fields.rating', 'gt', 4.5), 'must be a decimal string such as "100.00"'],
      [leaf('count', 'gt', 1.5), 'must be a whole number'],
      [leaf('count', 'gt', '2'), 'must be a whole number'],
      [leaf('name', 'contains', ''), 'must be a non-empty string'],
      [leaf('product', 'eq', 7), 'must be a non-empty string'],
      [leaf('is_available', 'eq', 'true'), 'must be true or false'],
      [leaf('sku', 'exists', 'yes'), 'must be true or false for "exists"'],
      [leaf('category', 'in', []), 'must be a non-empty array for "in"'],
      [leaf('tags', 'not_in', 'sale'), 'must be a non-empty array for "not_in"'],
      [leaf('custom_fields.launched', 'gt', '2026-02-30'), 'must be a date such as "2026-01-25"'],
      [leaf('custom_fields.launched', 'gt', '2026-01-25T10:00:00'), 'must have a time zone offset (Z or ±hh:mm)'],
      [leaf('custom_fields.launched', 'gt', 20260125), 'must be a date such as "2026-01-25" or an RFC 3339 date-time'],
    ])('refuses %j', (tree, message) => {
      expect(productError(tree)).toEqual({ path: 'conditions.value', message });
    });

    it('names the element of an in/not_in array that is wrong', () => {
      expect(productError({ all: [price100, leaf('price', 'in', ['1.00', '2.00', '3.001'])] })).toEqual({
        path: 'conditions.all[1].value[2]',
        message: 'must have at most 2 fraction digits',
      });
      expect(productError(leaf('tags', 'in', ['a', 3])).path).toBe('conditions.value[1]');
    });

    it.each([
      [leaf('now.weekday', 'eq', 0), 'must be a whole number from 1 to 7'],
      [leaf('now.weekday', 'in', [1, 8]), 'must be a whole number from 1 to 7'],
      [leaf('now.hour', 'gte', 24), 'must be a whole number from 0 to 23'],
      [leaf('now.hour', 'lt', -1), 'must be a whole number from 0 to 23'],
      [leaf('order_segment', 'eq', 0), 'must be a whole number of at least 1'],
      [leaf('line.product_segment', 'eq', '5'), 'must be a whole number of at least 1'],
      [leaf('goods_total', 'gte', '10.555'), 'must have at most 2 fraction digits'],
      [leaf('member.tier', 'eq', ''), 'must be a non-empty string'],
      [leaf('profile.custom_fields.kids', 'gte', '2'), 'must be a whole number'],
      [leaf('order.custom_fields.gift', 'eq', 1), 'must be true or false'],
    ])('refuses %j in the order scope', (tree, message) => {
      expect(orderError({ not: tree })).toEqual({ path: expect.stringMatching(/^conditions\.not\.value/), message });
    });

    it('accepts the edges of the ranges', () => {
      const edges = {
        all: [
          leaf('now.weekday', 'in', [1, 7]),
          leaf('now.hour', 'gte', 0),
          leaf('now.hour', 'lte', 23),
          leaf('goods_total', 'gte', '0'),
          leaf('total_price', 'lt', '999999999999.99'),
        ],
      };
      expect(() => compileOrderCondition(edges, orderLookups)).not.toThrow();
    });
  });

  it('uses the caller path as the root of every error path', () => {
    expect(
      validationError(() =>
        validateConditionTree({ all: [leaf('price', 'gt', 'x')] }, 'product', productLookups, 'data.conditions'),
      ),
    ).toEqual({ path: 'data.conditions.all[0].value', message: 'must be a decimal number such as "100.50"' });
  });
});
