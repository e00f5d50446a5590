import { validateJson } from './json-schema';

describe('validateJson', () => {
  it('checks maximum on numbers', () => {
    const schema = { type: 'integer' as const, minimum: 1, maximum: 10 };
    expect(validateJson(schema, 10)).toEqual([]);
    expect(validateJson(schema, 11)).toEqual(['$: is above 10']);
    expect(validateJson(schema, 0)).toEqual(['$: is below 1']);
  });

  it('checks minLength and maxLength in code points', () => {
    const schema = { type: 'string' as const, minLength: 2, maxLength: 3 };
    expect(validateJson(schema, 'ab')).toEqual([]);
    expect(validateJson(schema, '😀😀😀')).toEqual([]);
    expect(validateJson(schema, 'a')).toEqual(['$: is shorter than 2 characters']);
    expect(validateJson(schema, 'abcd')).toEqual(['$: is longer than 3 characters']);
  });

  it('ignores the length limits on values that are not strings', () => {
    expect(validateJson({ type: ['string', 'number'], maxLength: 1 }, 12345)).toEqual([]);
  });
});
