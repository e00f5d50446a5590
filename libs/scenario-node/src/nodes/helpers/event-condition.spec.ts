import type { ConditionNode } from '@loyalty/loyalty-engine';
import { EventFacts, evaluateEventCondition, readField } from './event-condition';

const facts: EventFacts = {
  event_id: 'evt-1',
  event_name: 'order.paid',
  payload: {
    source: 'app',
    order: { total: '100.10', count: 3, lines: [{ sku: 'A-1' }] },
    tags: ['vip', 'new'],
    note: 'first order of the year',
    big: 12345678901234567000,
    tiny: 0.1,
    nothing: null,
  },
};

const leaf = (field: string, op: string, value: unknown) => ({ field, op, value }) as ConditionNode;
const test = (tree: ConditionNode) => evaluateEventCondition(tree, facts);

describe('evaluateEventCondition', () => {
  it('reads dotted paths, array indexes included, and nothing past a missing key', () => {
    expect(readField(facts, 'payload.order.lines.0.sku')).toBe('A-1');
    expect(readField(facts, 'event_name')).toBe('order.paid');
    expect(readField(facts, 'payload.order.missing.deeper')).toBeUndefined();
    expect(readField(facts, 'payload.source.length')).toBeUndefined();
  });

  it.each([
    ['eq', 'payload.source', 'app', true],
    ['eq', 'payload.source', 'web', false],
    ['ne', 'payload.source', 'web', true],
    ['ne', 'payload.source', 'app', false],
    ['in', 'payload.source', ['web', 'app'], true],
    ['in', 'payload.source', ['web'], false],
    ['not_in', 'payload.source', ['web'], true],
    ['not_in', 'payload.source', ['app'], false],
    ['contains', 'payload.note', 'order', true],
    ['contains', 'payload.note', 'refund', false],
    ['contains', 'payload.tags', 'vip', true],
    ['contains', 'payload.tags', 'gold', false],
    ['gt', 'payload.order.total', '100.09', true],
    ['gt', 'payload.order.total', '100.10', false],
    ['gte', 'payload.order.total', 100.1, true],
    ['lt', 'payload.order.total', '100.100001', true],
    ['lt', 'payload.order.total', 100.1, false],
    ['lte', 'payload.order.count', 3, true],
    ['lte', 'payload.order.count', '2.99', false],
    ['exists', 'payload.source', true, true],
    ['exists', 'payload.source', false, false],
    ['exists', 'payload.nothing', false, true],
    ['exists', 'payload.absent', true, false],
  ])('%s on %s with %j is %s', (op, field, value, expected) => {
    expect(test(leaf(field, op, value))).toBe(expected);
  });

  it('compares numbers and decimal strings exactly, never as floats', () => {
    expect(test(leaf('payload.order.total', 'eq', 100.1))).toBe(true);
    expect(test(leaf('payload.order.total', 'eq', '100.1000'))).toBe(true);
    expect(test(leaf('payload.order.count', 'eq', '3.00'))).toBe(true);
    // 0.1 is the decimal 0.1 here, not 0.1000000000000000055…
    expect(test(leaf('payload.tiny', 'eq', '0.1'))).toBe(true);
    expect(test(leaf('payload.tiny', 'gt', '0.1'))).toBe(false);
    expect(test(leaf('payload.big', 'gt', '12345678901234566999'))).toBe(true);
    expect(test(leaf('payload.big', 'eq', '12345678901234567000'))).toBe(true);
    expect(test(leaf('payload.source', 'gt', 1))).toBe(false);
  });

  it('answers false for a missing field, except exists false, ne and not_in', () => {
    for (const op of ['eq', 'in', 'contains', 'gt', 'gte', 'lt', 'lte']) {
      expect(test(leaf('payload.absent', op, op === 'in' ? ['x'] : '1'))).toBe(false);
    }
    expect(test(leaf('payload.absent', 'ne', 'x'))).toBe(true);
    expect(test(leaf('payload.absent', 'not_in', ['x']))).toBe(true);
    expect(test(leaf('payload.nothing', 'eq', null))).toBe(false);
  });

  it('nests all, any and not', () => {
    const tree: ConditionNode = {
      all: [
        leaf('event_name', 'eq', 'order.paid'),
        { any: [leaf('payload.source', 'eq', 'web'), leaf('payload.order.total', 'gte', '100')] },
        { not: leaf('payload.tags', 'contains', 'blocked') },
      ],
    };
    expect(test(tree)).toBe(true);
    expect(test({ not: tree })).toBe(false);
    expect(test({ any: [leaf('payload.source', 'eq', 'web'), { not: leaf('payload.absent', 'exists', false) }] })).toBe(
      false,
    );
  });

  it('compares objects and arrays as JSON', () => {
    expect(test(leaf('payload.order.lines', 'eq', [{ sku: 'A-1' }]))).toBe(true);
    expect(test(leaf('payload.order.lines', 'eq', [{ sku: 'A-2' }]))).toBe(false);
  });
});
