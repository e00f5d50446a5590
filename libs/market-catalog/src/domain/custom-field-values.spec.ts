import type { CustomFieldDefinition } from './custom-field-values';
import {
  customFieldFromText,
  customFieldsFromText,
  normaliseCustomFieldValue,
  resolveCustomFields,
} from './custom-field-values';

const definition = (
  externalId: string,
  valueType: CustomFieldDefinition['valueType'],
  extra: Partial<CustomFieldDefinition> = {},
) => [externalId, { externalId, valueType, required: false, defaultValue: null, ...extra }] as const;

describe('custom field values', () => {
  it('normalises each type and refuses values of another type, naming the field', () => {
    expect(normaliseCustomFieldValue('int', '42', 'f')).toBe(42);
    expect(normaliseCustomFieldValue('float', 1.5, 'f')).toBe('1.5');
    expect(normaliseCustomFieldValue('list', ['a', 'b'], 'f')).toEqual(['a', 'b']);
    expect(normaliseCustomFieldValue('date', '2026-01-25', 'f')).toBe('2026-01-25');
    expect(() => normaliseCustomFieldValue('float', '1.234', 'f')).toThrow('f: expected a value of type float');
    expect(() => normaliseCustomFieldValue('bool', 'yes', 'data[0].custom_fields.gift')).toThrow(
      'data[0].custom_fields.gift: expected a value of type bool',
    );
    expect(() => normaliseCustomFieldValue('date', '2026-02-30', 'f')).toThrow();
  });

  it('fills defaults, requires required fields and refuses unknown ones', () => {
    const definitions = new Map([
      definition('color', 'string', { defaultValue: 'black' }),
      definition('size', 'int', { required: true }),
    ]);
    expect(resolveCustomFields({ size: 3 }, definitions, 'cf')).toEqual({ size: 3, color: 'black' });
    expect(() => resolveCustomFields({}, definitions, 'cf')).toThrow('cf.size: this custom field is required');
    expect(() => resolveCustomFields({ size: 1, weight: 2 }, definitions, 'cf')).toThrow(
      'cf.weight: no custom field with this id is defined',
    );
  });

  it('reads feed text as the value its type stands for', () => {
    expect(customFieldFromText('bool', 'TRUE')).toBe(true);
    expect(customFieldFromText('bool', '0')).toBe(false);
    expect(customFieldFromText('bool', 'maybe')).toBe('maybe');
    expect(customFieldFromText('list', 'red| green ||blue')).toEqual(['red', 'green', 'blue']);
    expect(customFieldFromText('int', ' 12 ')).toBe(12);
    expect(customFieldFromText('int', '1.5')).toBe('1.5');
    const definitions = new Map([definition('gift', 'bool'), definition('colors', 'list')]);
    expect(customFieldsFromText({ gift: 'true', colors: 'red|blue', other: 'x' }, definitions)).toEqual({
      gift: true,
      colors: ['red', 'blue'],
      other: 'x',
    });
  });
});
