import { readOrderPerson } from './order-person';
import { issueOf } from './test-support';

describe('readOrderPerson', () => {
  it('is null for an anonymous order', () => {
    expect(readOrderPerson({})).toBeNull();
  });

  it('matches by email by default, normalised', () => {
    expect(readOrderPerson({ email: ' Anna@Example.COM ', phone: '8 900' })).toEqual({
      match: { kind: 'email', email: 'anna@example.com' },
      person: {
        matching: 'email',
        email: 'anna@example.com',
        phone: '8 900',
        profile_id: null,
        field_name: null,
        field_value: null,
      },
    });
  });

  it('matches by phone, profile id or a custom field', () => {
    expect(readOrderPerson({ matching: 'phone', phone: '+7 (900) 123-45-67' })?.person).toMatchObject({
      matching: 'phone',
      phone: '+79001234567',
    });
    expect(readOrderPerson({ matching: 'profile_id', profile_id: 'abc' })?.match).toEqual({
      kind: 'profile_id',
      profileId: 'abc',
    });
    expect(readOrderPerson({ matching: 'custom', field_name: 'card', field_value: 1001 })).toMatchObject({
      match: { kind: 'custom', fieldName: 'card', fieldValue: 1001 },
      person: { matching: 'custom', field_name: 'card', field_value: '1001' },
    });
  });

  it('names the missing or bad identifier under data (error 1)', () => {
    expect(issueOf(() => readOrderPerson({ phone: '+79001234567' }))).toEqual({
      code: 'VALIDATION_FAILED',
      paths: ['data.email'],
    });
    expect(issueOf(() => readOrderPerson({ matching: 'email', email: 'not-an-email' }))).toEqual({
      code: 'VALIDATION_FAILED',
      paths: ['data.email'],
    });
  });
});
