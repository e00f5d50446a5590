import { expiresAt } from '@loyalty/kernel';
import { balanceFromLots, cachedBalanceFromLots } from './balance-from-lots';
import { Lot } from './lot';
import { LotAllocation, sumByLot } from './lot-allocation';
import { planRedemption } from './plan-redemption';
import { planReturn } from './plan-return';
import { planSettlement } from './plan-settlement';
import { projectCachedBalance } from './project-balance';

const at = (iso: string) => new Date(iso);

const withParts = (lots: readonly Lot[], parts: readonly LotAllocation[], sign: 1n | -1n): Lot[] => {
  const byLot = sumByLot(parts);
  return lots.map((l) => ({ ...l, remaining: l.remaining + sign * (byLot.get(l.id) ?? 0n) }));
};

describe('spec example E5: redeem, then cancel after a lot has expired', () => {
  const march15 = at('2026-03-15T12:00:00Z');
  const april2 = at('2026-04-02T12:00:00Z');
  const lot = (id: number, amount: bigint, activation: string, months: number, activated: boolean): Lot => ({
    id,
    amount,
    remaining: amount,
    activationAt: at(activation),
    expiresAt: expiresAt(at(activation), { unit: 'month', value: months }, 'UTC'),
    activated,
    expired: false,
  });
  const lots = [
    lot(1, 30000n, '2026-01-31T10:00:00Z', 2, true), // L1 300.00, expires 31 March
    lot(2, 50000n, '2025-12-01T10:00:00Z', 12, true), // L2 500.00, expires 1 December
    lot(3, 20000n, '2026-03-20T10:00:00Z', 12, false), // L3 200.00, pending until 20 March
  ];

  it('starts with 800.00 active and 1,000.00 in total', () => {
    expect(lots.map((l) => l.expiresAt?.toISOString())).toEqual([
      '2026-03-31T23:59:59.999Z',
      '2026-12-01T23:59:59.999Z',
      '2027-03-20T23:59:59.999Z',
    ]);
    expect(balanceFromLots(lots, [], 0n, march15)).toEqual({
      active: 80000n,
      pending: 20000n,
      held: 0n,
      total: 100000n,
    });
    expect(cachedBalanceFromLots(lots, [], 0n)).toEqual({ active: 80000n, pending: 20000n, held: 0n, debt: 0n });
  });

  it('redeems 600.00 as L1 300.00 + L2 300.00, then gives them back on 2 April: L1 part expires at once', () => {
    const redemption = planRedemption(lots, 60000n, march15);
    expect(redemption).toEqual({
      allocations: [
        { lotId: 1, amount: 30000n },
        { lotId: 2, amount: 30000n },
      ],
      shortfall: 0n,
    });
    const afterRedemption = withParts(lots, redemption.allocations, -1n);
    expect(balanceFromLots(afterRedemption, [], 0n, march15)).toEqual({
      active: 20000n,
      pending: 20000n,
      held: 0n,
      total: 40000n,
    });
    const cacheAfterRedemption = { active: 20000n, pending: 20000n, held: 0n, debt: 0n };
    expect(cachedBalanceFromLots(afterRedemption, [], 0n)).toEqual(cacheAfterRedemption);

    // 2 April, under the member's lock: settle first (L3 activated on 20 March, L1 expired on 31 March, empty).
    const settlement = planSettlement(afterRedemption, [], april2);
    expect(settlement).toEqual({
      activate: [3],
      expire: [{ lotId: 1, amount: 0n, at: at('2026-03-31T23:59:59.999Z') }],
      timeouts: [],
    });
    const settled = afterRedemption.map((l) => ({ ...l, activated: l.activated || l.id === 3, expired: l.id === 1 }));
    const settledCache = projectCachedBalance(cacheAfterRedemption, afterRedemption, [], april2);
    expect(settledCache).toEqual({ active: 40000n, pending: 0n, held: 0n, debt: 0n });

    // The cancellation: L1's 300.00 come back and expire at once, L2's 300.00 are active again.
    const giveBack = planReturn(redemption.allocations, settled, april2);
    expect(giveBack).toEqual({
      restore: [{ lotId: 2, amount: 30000n }],
      expireAtOnce: [{ lotId: 1, amount: 30000n }],
    });
    const afterCancel = withParts(settled, giveBack.restore, 1n);
    expect(afterCancel.map((l) => l.remaining)).toEqual([0n, 50000n, 20000n]);
    expect(balanceFromLots(afterCancel, [], 0n, april2)).toEqual({
      active: 70000n,
      pending: 0n,
      held: 0n,
      total: 70000n,
    });
    expect(cachedBalanceFromLots(afterCancel, [], 0n)).toEqual({ ...settledCache, active: 70000n });

    // Cancelling before the worker has processed anything gives the same plan and the same balance.
    const unsettled = planReturn(redemption.allocations, afterRedemption, april2);
    expect(unsettled).toEqual(giveBack);
    expect(balanceFromLots(withParts(afterRedemption, unsettled.restore, 1n), [], 0n, april2).active).toBe(70000n);
  });
});
