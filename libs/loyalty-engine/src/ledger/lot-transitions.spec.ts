import { activateLot, expireLot } from './lot-transitions';

describe('lot transitions', () => {
  it('an activation moves the remaining from pending to active', () => {
    const account = { active: 500n, pending: 300n, debt: 0n };
    const lot = { remaining: 200n, activated: false, expired: false };
    expect(activateLot(account, lot)).toEqual({ amount: 200n, debtPaid: 0n });
    expect(account).toEqual({ active: 700n, pending: 100n, debt: 0n });
    expect(lot).toEqual({ remaining: 200n, activated: true, expired: false });
  });

  it('an activation pays debt first, and only up to the lot', () => {
    const account = { active: 0n, pending: 200n, debt: 250n };
    const first = { remaining: 200n, activated: false, expired: false };
    expect(activateLot(account, first)).toEqual({ amount: 200n, debtPaid: 200n });
    expect(account).toEqual({ active: 0n, pending: 0n, debt: 50n });
    expect(first.remaining).toBe(0n);
    const second = { remaining: 80n, activated: false, expired: false };
    account.pending = 80n;
    expect(activateLot(account, second)).toEqual({ amount: 80n, debtPaid: 50n });
    expect(account).toEqual({ active: 30n, pending: 0n, debt: 0n });
  });

  it('an expiry takes the remaining out of active, or out of pending for a lot never activated', () => {
    const account = { active: 700n, pending: 100n, debt: 0n };
    expect(expireLot(account, { remaining: 300n, activated: true, expired: false })).toBe(300n);
    expect(expireLot(account, { remaining: 100n, activated: false, expired: false })).toBe(100n);
    expect(account).toEqual({ active: 400n, pending: 0n, debt: 0n });
  });

  it('an expired lot expires nothing again', () => {
    const account = { active: 700n, pending: 0n, debt: 0n };
    const lot = { remaining: 300n, activated: true, expired: false };
    expect(expireLot(account, lot)).toBe(300n);
    expect(expireLot(account, lot)).toBe(0n);
    expect(account.active).toBe(400n);
    expect(lot).toEqual({ remaining: 0n, activated: true, expired: true });
  });
});
