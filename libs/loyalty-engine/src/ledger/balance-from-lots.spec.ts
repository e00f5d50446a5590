import { balanceFromLots, cachedBalanceFromLots } from './balance-from-lots';
import { Lot } from './lot';
import { TemporaryTransaction } from './temporary-transaction';

const at = (iso: string) => new Date(iso);

const lot = (id: number, remaining: bigint, overrides: Partial<Lot> = {}): Lot => ({
  id,
  amount: 50000n,
  remaining,
  activationAt: at('2026-03-01T00:00:00Z'),
  expiresAt: at('2026-03-31T23:59:59.999Z'),
  activated: true,
  expired: false,
  ...overrides,
});

describe('balanceFromLots / cachedBalanceFromLots', () => {
  const lots = [
    lot(1, 10000n),
    lot(2, 20000n, { activationAt: at('2026-03-20T00:00:00Z'), activated: false }),
    lot(3, 40000n, { expiresAt: null }),
    lot(4, 5000n, { expiresAt: at('2026-02-28T23:59:59.999Z'), expired: true }),
  ];
  const temporaries: TemporaryTransaction[] = [
    { transactionId: 1, kind: 'accrual', amount: 1500n, deadline: at('2026-03-25T00:00:00Z') },
    {
      transactionId: 2,
      kind: 'redemption',
      amount: 6000n,
      deadline: at('2026-03-18T00:00:00Z'),
      allocations: [
        { lotId: 1, amount: 4000n },
        { lotId: 3, amount: 2000n },
      ],
    },
  ];

  it('caches by the processed flags and stored statuses', () => {
    expect(cachedBalanceFromLots(lots, temporaries, 0n)).toEqual({
      active: 50000n,
      pending: 21500n,
      held: 6000n,
      debt: 0n,
    });
  });

  it('reads by the clock: live temporaries', () => {
    expect(balanceFromLots(lots, temporaries, 0n, at('2026-03-15T00:00:00Z'))).toEqual({
      active: 50000n,
      pending: 21500n,
      held: 6000n,
      total: 77500n,
    });
  });

  it('reads by the clock: a late activation, a timed-out hold back in its lots, a timed-out accrual gone', () => {
    expect(balanceFromLots(lots, temporaries, 0n, at('2026-03-26T00:00:00Z'))).toEqual({
      active: 76000n, // 10000 + 4000 back, 20000 activated, 40000 + 2000 back
      pending: 0n,
      held: 0n,
      total: 76000n,
    });
  });

  it('reads by the clock: an unprocessed expiry, a held part that expires at release', () => {
    expect(balanceFromLots(lots, temporaries, 0n, at('2026-04-01T00:00:00Z'))).toEqual({
      active: 42000n, // lots 1 and 2 expired on 31 March (lot 1's 4000 expire at release); lot 3 + its 2000
      pending: 0n,
      held: 0n,
      total: 42000n,
    });
  });

  it('nets the debt out of active', () => {
    expect(balanceFromLots([], [], 2500n, at('2026-03-15T00:00:00Z'))).toEqual({
      active: -2500n,
      pending: 0n,
      held: 0n,
      total: -2500n,
    });
    expect(balanceFromLots(lots, [], 2500n, at('2026-03-15T00:00:00Z')).active).toBe(47500n);
  });
});
