import { activationRefusal, checkoutState, CodeFacts, effectiveExpiry, isExpired } from './code-state';

const anna = { databaseId: 1, profileId: 'anna' };
const boris = { databaseId: 1, profileId: 'boris' };
const now = new Date('2026-03-10T12:00:00.000Z');
const before = new Date('2026-03-10T11:59:59.999Z');

function facts(overrides: Partial<CodeFacts> = {}): CodeFacts {
  return {
    code: 'C-1',
    kind: 'personal',
    multiUse: false,
    maxUsesPerCode: null,
    validFrom: null,
    validTo: null,
    expireDate: null,
    attachedTo: anna,
    usesCount: 0,
    ...overrides,
  };
}

describe('promo code states', () => {
  it('tells checkout nothing about codes that are not the buyer’s: unknown and attached elsewhere are invalid', () => {
    expect(checkoutState(null, anna, now)).toBe('invalid');
    expect(checkoutState(facts(), boris, now)).toBe('invalid');
    expect(checkoutState(facts(), null, now)).toBe('invalid');
    // even when it is used or expired: nothing is told of someone else's code
    expect(checkoutState(facts({ usesCount: 1, expireDate: before }), boris, now)).toBe('invalid');
  });

  it('answers invalid for a free personal code, whatever its use or expiry: its existence is not told', () => {
    expect(checkoutState(facts({ attachedTo: null }), anna, now)).toBe('invalid');
    expect(checkoutState(facts({ attachedTo: null, expireDate: before }), null, now)).toBe('invalid');
  });

  it('tells the holder of a personal code that it is used, expired or valid', () => {
    expect(checkoutState(facts(), anna, now)).toBe('valid');
    expect(checkoutState(facts({ usesCount: 1 }), anna, now)).toBe('already_used');
    expect(checkoutState(facts({ expireDate: before }), anna, now)).toBe('expired');
    expect(checkoutState(facts({ validTo: before }), anna, now)).toBe('expired');
    expect(checkoutState(facts({ validFrom: new Date(now.getTime() + 1) }), anna, now)).toBe('expired');
    // both ends are inclusive to the millisecond
    expect(checkoutState(facts({ validFrom: now, validTo: now, expireDate: now }), anna, now)).toBe('valid');
  });

  it('tells anyone about universal codes; multi-use codes count up to their maximum', () => {
    const universal = facts({ kind: 'universal', attachedTo: null });
    expect(checkoutState(universal, null, now)).toBe('valid');
    expect(checkoutState({ ...universal, usesCount: 1 }, boris, now)).toBe('already_used');
    expect(checkoutState({ ...universal, expireDate: before }, null, now)).toBe('expired');
    const multi = { ...universal, multiUse: true, maxUsesPerCode: 3 };
    expect(checkoutState({ ...multi, usesCount: 2 }, null, now)).toBe('valid');
    expect(checkoutState({ ...multi, usesCount: 3 }, null, now)).toBe('already_used');
    expect(checkoutState({ ...multi, maxUsesPerCode: null, usesCount: 10_000 }, null, now)).toBe('valid');
  });

  it('expires at the earlier of the code’s expire date and the program’s end', () => {
    expect(effectiveExpiry({ validTo: null, expireDate: null })).toBeNull();
    expect(effectiveExpiry({ validTo: now, expireDate: before })).toEqual(before);
    expect(effectiveExpiry({ validTo: before, expireDate: null })).toEqual(before);
    expect(isExpired({ validTo: now, expireDate: null }, now)).toBe(false);
    expect(isExpired({ validTo: before, expireDate: null }, now)).toBe(true);
  });

  it('refuses activation with error 16 (11 for a multi-use code at its maximum)', () => {
    const refusal = (f: CodeFacts, holder = anna as typeof anna | null) => {
      const error = activationRefusal(f, holder, now);
      return error && [error.code, error.message];
    };
    expect(refusal(facts())).toBeNull();
    expect(refusal(facts({ attachedTo: null }))).toEqual([
      'PROMO_CODE_INVALID',
      'The promo code is not attached to a profile',
    ]);
    expect(refusal(facts(), boris)).toEqual(['PROMO_CODE_INVALID', 'The promo code is attached to another profile']);
    expect(refusal(facts({ usesCount: 1 }))).toEqual(['PROMO_CODE_INVALID', 'The promo code is already activated']);
    expect(refusal(facts({ validFrom: new Date(now.getTime() + 1) }))).toEqual([
      'PROMO_CODE_INVALID',
      'The promo code program has not started yet',
    ]);
    expect(refusal(facts({ expireDate: before }))).toEqual(['PROMO_CODE_INVALID', 'The promo code has expired']);
    const multi = facts({ kind: 'universal', attachedTo: null, multiUse: true, maxUsesPerCode: 2, usesCount: 2 });
    expect(refusal(multi, null)).toEqual(['LIMIT_REACHED', 'The promo code was used 2 times, its maximum']);
    expect(refusal({ ...multi, usesCount: 1 }, null)).toBeNull();
  });
});
