import { parsePercent, patched, requireNonNumericExternalId, unchanged } from './field-rules';
import { issueOf } from './test-support';

describe('patched', () => {
  const rule = { parse: (text: string) => text.toUpperCase(), fallback: () => 'DEFAULT' };

  it('on create: absent takes the default, null takes the default, a value is parsed', () => {
    expect(patched(undefined, undefined, 'f', rule)).toBe('DEFAULT');
    expect(patched(null, undefined, 'f', rule)).toBe('DEFAULT');
    expect(patched('abc', undefined, 'f', rule)).toBe('ABC');
  });

  it('on update: absent keeps the current value, null restores the default', () => {
    expect(patched(undefined, 'CURRENT', 'f', rule)).toBe('CURRENT');
    expect(patched(null, 'CURRENT', 'f', rule)).toBe('DEFAULT');
    expect(patched('x', 'CURRENT', 'f', rule)).toBe('X');
  });

  it('a required field must be present on create and is never null', () => {
    const required = { parse: (text: string) => text };
    expect(issueOf(() => patched(undefined, undefined, 'name', required))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'name', message: 'is required' }],
    });
    expect(issueOf(() => patched(null, 'Old', 'name', required))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'name', message: 'is required and cannot be null' }],
    });
    expect(patched(undefined, 'Old', 'name', required)).toBe('Old');
  });
});

describe('unchanged', () => {
  it('accepts an absent or equal value and refuses a different one or null', () => {
    expect(() => unchanged(undefined, 'standard', 'type')).not.toThrow();
    expect(() => unchanged('standard', 'standard', 'type')).not.toThrow();
    expect(() => unchanged('qualification', undefined, 'type')).not.toThrow();
    for (const value of ['qualification', null]) {
      expect(issueOf(() => unchanged(value, 'standard', 'type'))).toEqual({
        code: 'VALIDATION_FAILED',
        fields: [{ path: 'type', message: 'cannot change after creation' }],
      });
    }
  });
});

describe('requireNonNumericExternalId', () => {
  it.each(['spring', 'promo-2026', '2026a', 'a1', '0x1F'])('accepts %p', (id) => {
    expect(requireNonNumericExternalId(id)).toBe(id);
  });

  it.each(['1', '0042', '2026'])('refuses the all-digit %p', (id) => {
    expect(issueOf(() => requireNonNumericExternalId(id, 'external_id'))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'external_id', message: 'must not be all digits (a number names an id)' }],
    });
  });
});

describe('parsePercent', () => {
  it.each([
    ['100', '100'],
    ['100.00', '100'],
    ['0', '0'],
    ['12.5', '12.5'],
    ['12.50', '12.5'],
    ['0.01', '0.01'],
    ['99.99', '99.99'],
  ])('%p is %p', (text, percent) => {
    expect(parsePercent(text, 'p')).toBe(percent);
  });

  it.each([
    ['100.01', 'must be between 0 and 100'],
    ['101', 'must be between 0 and 100'],
    ['-1', 'must be between 0 and 100'],
    ['1.005', 'must have at most 2 fraction digits'],
  ])('refuses %p', (text, message) => {
    expect(issueOf(() => parsePercent(text, 'redemption.max_share_percent'))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'redemption.max_share_percent', message }],
    });
  });
});
