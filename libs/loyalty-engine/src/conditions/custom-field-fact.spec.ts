import { customFieldFact, customFieldFacts } from './custom-field-fact';
import { CustomFieldValueType } from './custom-field-types';

describe('customFieldFact', () => {
  it.each<[CustomFieldValueType, unknown, unknown]>([
    ['int', 42, 42],
    ['int', '-7', -7],
    ['int', 4.5, undefined],
    ['int', '4.0', undefined],
    ['float', '4.5', 450n],
    ['float', 4.25, 425n],
    ['float', '-0.01', -1n],
    ['float', '4.125', undefined],
    ['float', 1e21, undefined],
    ['float', 'abc', undefined],
    ['string', 'red', 'red'],
    ['string', 5, undefined],
    ['bool', true, true],
    ['bool', 'false', false],
    ['bool', 0, undefined],
    ['list', ['a', 'b'], ['a', 'b']],
    ['list', ['a', 1], undefined],
    ['list', 'a', undefined],
    ['date', '2026-01-25', Date.UTC(2026, 0, 25)],
    ['date', '2026-01-25T10:00:00+03:00', Date.UTC(2026, 0, 25, 7)],
    ['date', '2026-02-30', undefined],
    ['date', '2026-01-25T10:00:00', undefined],
    ['date', 20260125, undefined],
  ])('reads a %s %j as %p', (type, raw, expected) => {
    expect(customFieldFact(type, raw)).toEqual(expected);
  });
});

describe('customFieldFacts', () => {
  it('keeps declared fields whose values fit their type', () => {
    const types: Record<string, CustomFieldValueType> = { size: 'int', color: 'string' };
    const facts = customFieldFacts({ size: '42', color: 7, undeclared: 'x' }, (id) => types[id]);
    expect([...facts]).toEqual([['size', 42]]);
    expect(customFieldFacts(null, () => 'string').size).toBe(0);
  });
});
