import { DomainError } from '@loyalty/kernel';
import { normalizeEmail, normalizePhone, parseMatching } from './matching';

function failureOf(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('no error was thrown');
}

describe('normalizeEmail', () => {
  it.each([
    ['ann@example.com', 'ann@example.com'],
    ['  Ann.Lee@Example.COM \t', 'ann.lee@example.com'],
    ['A+tag@sub.example.co.uk', 'a+tag@sub.example.co.uk'],
  ])('normalises %p to %p', (raw, email) => {
    expect(normalizeEmail(raw)).toBe(email);
  });

  it.each([
    '',
    '   ',
    'ann',
    'ann@',
    '@example.com',
    'ann@example',
    'ann@@example.com',
    'ann lee@example.com',
    'a@b .c',
  ])('rejects %p', (raw) => {
    const error = failureOf(() => normalizeEmail(raw));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.fields).toEqual([{ path: 'email', message: `"${raw}" is not an email address` }]);
  });

  it('accepts 254 characters and rejects 255', () => {
    const local = 'a'.repeat(64);
    const domain = (n: number) => `${'b'.repeat(n)}.com`;
    expect(normalizeEmail(`${local}@${domain(185)}`)).toHaveLength(254);
    expect(() => normalizeEmail(`${local}@${domain(186)}`)).toThrow(DomainError);
  });

  it('names the given path', () => {
    expect(failureOf(() => normalizeEmail('x', 'data[2].email')).message).toBe(
      'data[2].email: "x" is not an email address',
    );
  });
});

describe('normalizePhone', () => {
  it.each([
    ['+7 (900) 123-45-67', '+79001234567'],
    ['79001234567', '+79001234567'],
    ['0079001234567', '+79001234567'],
    ['00 7 900 123 45 67', '+79001234567'],
    [' +7.900.123.45.67 ', '+79001234567'],
    ['+1 202-555-0143', '+12025550143'],
    ['+4930123', '+4930123'],
    ['+123456789012345', '+123456789012345'],
  ])('normalises %p to %p', (raw, phone) => {
    expect(normalizePhone(raw)).toBe(phone);
  });

  it.each([
    '12',
    '',
    '+',
    'abc',
    '+7 900 CALL-NOW',
    '+0123456789',
    '0123456789',
    '+1234567890123456',
    '+123456',
    '++79001234567',
    '+7/900/1234567',
  ])('rejects %p', (raw) => {
    const error = failureOf(() => normalizePhone(raw));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.fields).toEqual([{ path: 'phone', message: `"${raw}" is not an international phone number` }]);
  });

  it('names the given path', () => {
    expect(failureOf(() => normalizePhone('12', 'data.phone')).details.fields).toEqual([
      { path: 'data.phone', message: '"12" is not an international phone number' },
    ]);
  });
});

describe('parseMatching', () => {
  it('reads each kind with its normalised identifier', () => {
    expect(parseMatching({ matching: 'email', email: ' Ann@Example.com ' })).toEqual({
      kind: 'email',
      email: 'ann@example.com',
    });
    expect(parseMatching({ matching: 'phone', phone: '+7 (900) 123-45-67' })).toEqual({
      kind: 'phone',
      phone: '+79001234567',
    });
    expect(parseMatching({ matching: 'profile_id', profile_id: 'p-42' })).toEqual({
      kind: 'profile_id',
      profileId: 'p-42',
    });
    expect(parseMatching({ matching: 'custom', field_name: 'card', field_value: 'C-1' })).toEqual({
      kind: 'custom',
      fieldName: 'card',
      fieldValue: 'C-1',
    });
  });

  it('uses only the identifier of the chosen kind', () => {
    expect(parseMatching({ matching: 'profile_id', profile_id: 'p-1', email: 'not an email', phone: '12' })).toEqual({
      kind: 'profile_id',
      profileId: 'p-1',
    });
  });

  it.each([0, false, 12.5])('keeps the custom value %p as it is', (fieldValue) => {
    expect(parseMatching({ matching: 'custom', field_name: 'f', field_value: fieldValue })).toEqual({
      kind: 'custom',
      fieldName: 'f',
      fieldValue,
    });
  });

  it('falls back to the default kind when matching is absent or null', () => {
    expect(parseMatching({ email: 'a@b.co' }, 'email')).toEqual({ kind: 'email', email: 'a@b.co' });
    expect(parseMatching({ matching: null, phone: '79001234567' }, 'phone')).toEqual({
      kind: 'phone',
      phone: '+79001234567',
    });
    expect(parseMatching({ matching: 'profile_id', profile_id: 'p' }, 'email')).toEqual({
      kind: 'profile_id',
      profileId: 'p',
    });
  });

  it('requires matching when there is no default', () => {
    const error = failureOf(() => parseMatching({ email: 'a@b.co' }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.fields).toEqual([
      { path: 'matching', message: 'must be one of email, phone, profile_id, custom' },
    ]);
  });

  it.each([
    ['email', {}, 'email'],
    ['email', { email: null }, 'email'],
    ['phone', { phone: '  ' }, 'phone'],
    ['profile_id', { profile_id: '' }, 'profile_id'],
    ['custom', { field_value: 'x' }, 'field_name'],
  ] as const)('requires the identifier of %s (%p names %s)', (matching, identifiers, path) => {
    const error = failureOf(() => parseMatching({ matching, ...identifiers }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe(`${path}: is required by this matching`);
    expect(error.details.fields).toEqual([{ path, message: 'is required by this matching' }]);
  });

  it.each([undefined, null])('requires field_value for custom matching (got %p)', (fieldValue) => {
    const error = failureOf(() => parseMatching({ matching: 'custom', field_name: 'card', field_value: fieldValue }));
    expect(error.details.fields).toEqual([{ path: 'field_value', message: 'is required when matching is custom' }]);
  });

  it('reports a malformed identifier under its field', () => {
    expect(failureOf(() => parseMatching({ matching: 'email', email: 'nope' })).details.fields).toEqual([
      { path: 'email', message: '"nope" is not an email address' },
    ]);
    expect(failureOf(() => parseMatching({ matching: 'phone', phone: '12' })).details.fields).toEqual([
      { path: 'phone', message: '"12" is not an international phone number' },
    ]);
  });
});
