import { Lot } from './lot';
import { planSettlement } from './plan-settlement';
import { TemporaryTransaction } from './temporary-transaction';

const at = (iso: string) => new Date(iso);

const lot = (id: number, activation: string, expiry: string | null, overrides: Partial<Lot> = {}): Lot => ({
  id,
  amount: 10000n,
  remaining: 10000n,
  activationAt: at(activation),
  expiresAt: expiry === null ? null : at(expiry),
  activated: false,
  expired: false,
  ...overrides,
});

describe('planSettlement', () => {
  const lots = [
    lot(1, '2026-03-01T00:00:00Z', '2026-03-31T23:59:59.999Z', { activated: true, remaining: 2500n }),
    lot(2, '2026-03-20T00:00:00Z', null), // activates on the 20th
    lot(3, '2026-03-25T00:00:00Z', '2026-03-30T23:59:59.999Z'), // activates and expires before the worker runs
    lot(4, '2026-01-01T00:00:00Z', '2026-02-28T23:59:59.999Z', { activated: true, expired: true }), // done
    lot(5, '2026-04-10T00:00:00Z', null), // still pending
    lot(6, '2026-01-01T00:00:00Z', '2026-03-15T23:59:59.999Z', { activated: true, remaining: 0n }),
  ];
  const temporaries: TemporaryTransaction[] = [
    { transactionId: 11, kind: 'accrual', amount: 700n, deadline: at('2026-03-21T00:00:00Z') },
    {
      transactionId: 12,
      kind: 'redemption',
      amount: 3000n,
      deadline: at('2026-03-18T00:00:00Z'),
      allocations: [
        { lotId: 1, amount: 2000n },
        { lotId: 6, amount: 1000n },
      ],
    },
    { transactionId: 13, kind: 'accrual', amount: 500n, deadline: at('2026-04-05T00:00:00Z') },
  ];

  it('has nothing to do while no transition is due', () => {
    expect(planSettlement(lots.slice(0, 1), temporaries, at('2026-03-10T00:00:00Z'))).toEqual({
      activate: [],
      expire: [],
      timeouts: [],
    });
  });

  it('activates, expires and times out what is due, oldest first', () => {
    expect(planSettlement(lots, temporaries, at('2026-04-02T00:00:00Z'))).toEqual({
      activate: [2],
      expire: [
        { lotId: 6, amount: 0n, at: at('2026-03-15T23:59:59.999Z') },
        { lotId: 3, amount: 10000n, at: at('2026-03-30T23:59:59.999Z') }, // pending → expired, never active
        { lotId: 1, amount: 2500n, at: at('2026-03-31T23:59:59.999Z') },
      ],
      timeouts: [
        {
          transactionId: 12,
          kind: 'redemption',
          amount: 3000n,
          restore: [],
          expireAtOnce: [
            { lotId: 1, amount: 2000n },
            { lotId: 6, amount: 1000n },
          ],
        },
        { transactionId: 11, kind: 'accrual', amount: 700n, restore: [], expireAtOnce: [] },
      ],
    });
  });

  it('gives a timed-out hold back to its lots while they are valid', () => {
    const plan = planSettlement(lots, temporaries, at('2026-03-18T00:00:00Z'));
    expect(plan.activate).toEqual([]);
    expect(plan.expire).toEqual([{ lotId: 6, amount: 0n, at: at('2026-03-15T23:59:59.999Z') }]);
    expect(plan.timeouts).toEqual([
      {
        transactionId: 12,
        kind: 'redemption',
        amount: 3000n,
        restore: [{ lotId: 1, amount: 2000n }],
        expireAtOnce: [{ lotId: 6, amount: 1000n }],
      },
    ]);
  });

  it('refuses a temporary redemption whose allocations do not make up its amount', () => {
    const broken: TemporaryTransaction = {
      transactionId: 14,
      kind: 'redemption',
      amount: 3000n,
      deadline: at('2026-03-18T00:00:00Z'),
      allocations: [{ lotId: 1, amount: 2000n }],
    };
    expect(() => planSettlement(lots, [broken], at('2026-03-18T00:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'INTERNAL' }),
    );
  });
});
