import { bigintMin } from '@loyalty/kernel';
import fc from 'fast-check';
import { netBalance } from './account-balance';
import { balanceFromLots, cachedBalanceFromLots } from './balance-from-lots';
import { isDueForSettlementAt, Lot } from './lot';
import { LotAllocation, sumByLot } from './lot-allocation';
import { planSettlement, SettlementPlan } from './plan-settlement';
import { projectBalance, projectCachedBalance } from './project-balance';
import { heldAllocations, isTimedOutAt, TemporaryTransaction } from './temporary-transaction';

const at = (iso: string) => new Date(iso);
const BASE = at('2026-03-01T00:00:00Z').getTime();
const hours = (h: number) => new Date(BASE + h * 3_600_000);

interface AccountState {
  lots: Lot[];
  temporaries: TemporaryTransaction[];
  debt: bigint;
  now: Date;
}

/**
 * Accounts as the database may hold them when the worker is late: flags processed for some passed
 * transitions and not others, temporaries past their deadline still stored as temporary. Times are
 * whole hours so that equal instants (the boundaries) are frequent.
 */
const accountState: fc.Arbitrary<AccountState> = fc
  .record({
    lots: fc.array(
      fc.record({
        amount: fc.bigInt({ min: 0n, max: 10000n }),
        used: fc.bigInt({ min: 0n, max: 10000n }),
        activation: fc.integer({ min: 0, max: 40 }),
        validity: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
        activationProcessed: fc.boolean(),
        expiryProcessed: fc.boolean(),
      }),
      { maxLength: 8 },
    ),
    temporaries: fc.array(
      fc.record({
        redemption: fc.boolean(),
        amount: fc.bigInt({ min: 1n, max: 5000n }),
        deadline: fc.integer({ min: 0, max: 60 }),
        parts: fc.array(fc.record({ lot: fc.nat(), amount: fc.bigInt({ min: 1n, max: 4000n }) }), { maxLength: 3 }),
      }),
      { maxLength: 4 },
    ),
    debt: fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 5000n })),
    now: fc.integer({ min: 0, max: 60 }),
  })
  .map((raw) => {
    const lots = raw.lots.map((r, index): Lot => {
      const expiry = r.validity === null ? null : r.activation + r.validity;
      return {
        id: index + 1,
        amount: r.amount,
        remaining: r.amount - bigintMin(r.used, r.amount),
        activationAt: hours(r.activation),
        expiresAt: expiry === null ? null : hours(expiry),
        activated: r.activationProcessed && r.activation <= raw.now && (expiry === null || r.activation < expiry),
        expired: r.expiryProcessed && expiry !== null && expiry <= raw.now,
      };
    });
    // Held parts come out of the lots' headroom (amount - remaining), so remaining + returned ≤ amount.
    const headroom = lots.map((l) => l.amount - l.remaining);
    const temporaries = raw.temporaries.map((r, index): TemporaryTransaction => {
      const allocations: LotAllocation[] = [];
      for (const part of r.redemption && lots.length > 0 ? r.parts : []) {
        const slot = part.lot % lots.length;
        const amount = bigintMin(part.amount, headroom[slot]);
        if (amount > 0n) {
          headroom[slot] -= amount;
          allocations.push({ lotId: lots[slot].id, amount });
        }
      }
      const base = { transactionId: index + 1, deadline: hours(r.deadline) };
      if (allocations.length === 0) {
        return { ...base, kind: 'accrual', amount: r.amount };
      }
      const amount = allocations.reduce((sum, part) => sum + part.amount, 0n);
      return { ...base, kind: 'redemption', amount, allocations };
    });
    return { lots, temporaries, debt: raw.debt, now: hours(raw.now) };
  });

/** Only what a read needs: due lots, lots named by timed-out holds, timed-out temporaries. */
function dueOnly({ lots, temporaries, now }: AccountState): { lots: Lot[]; temporaries: TemporaryTransaction[] } {
  const timedOut = temporaries.filter((t) => isTimedOutAt(t, now));
  const named = new Set(timedOut.flatMap((t) => heldAllocations(t).map((part) => part.lotId)));
  return { lots: lots.filter((l) => isDueForSettlementAt(l, now) || named.has(l.id)), temporaries: timedOut };
}

/** Carries out a settlement plan the way the worker does: flags set, holds given back, temporaries closed. */
function carryOut(state: AccountState, plan: SettlementPlan): AccountState {
  const activate = new Set(plan.activate);
  const expire = new Set(plan.expire.map((e) => e.lotId));
  const restored = sumByLot(plan.timeouts.flatMap((t) => t.restore));
  const closed = new Set(plan.timeouts.map((t) => t.transactionId));
  return {
    ...state,
    lots: state.lots.map((l) => ({
      ...l,
      remaining: l.remaining + (restored.get(l.id) ?? 0n),
      activated: l.activated || activate.has(l.id),
      expired: l.expired || expire.has(l.id),
    })),
    temporaries: state.temporaries.filter((t) => !closed.has(t.transactionId)),
  };
}

describe('projectBalance', () => {
  it('brings a stale cache up to date (E5 on 2 April, before the worker ran)', () => {
    const lots: Lot[] = [
      {
        id: 1,
        amount: 30000n,
        remaining: 0n,
        activationAt: at('2026-01-31T10:00:00Z'),
        expiresAt: at('2026-03-31T23:59:59.999Z'),
        activated: true,
        expired: false,
      },
      {
        id: 2,
        amount: 50000n,
        remaining: 20000n,
        activationAt: at('2025-12-01T10:00:00Z'),
        expiresAt: at('2026-12-01T23:59:59.999Z'),
        activated: true,
        expired: false,
      },
      {
        id: 3,
        amount: 20000n,
        remaining: 20000n,
        activationAt: at('2026-03-20T10:00:00Z'),
        expiresAt: at('2027-03-20T23:59:59.999Z'),
        activated: false,
        expired: false,
      },
    ];
    const cached = { active: 20000n, pending: 20000n, held: 0n, debt: 0n };
    const now = at('2026-04-02T12:00:00Z');
    expect(projectBalance(cached, lots, [], now)).toEqual({ active: 40000n, pending: 0n, held: 0n, total: 40000n });
    expect(projectBalance(cached, [lots[0], lots[2]], [], now)).toEqual(projectBalance(cached, lots, [], now));
    expect(projectCachedBalance(cached, lots, [], now)).toEqual({ active: 40000n, pending: 0n, held: 0n, debt: 0n });
  });

  it('releases a timed-out hold: held parts come back, the part of an expired lot vanishes', () => {
    const lots: Lot[] = [
      {
        id: 1,
        amount: 10000n,
        remaining: 0n,
        activationAt: hours(0),
        expiresAt: hours(10),
        activated: true,
        expired: false,
      },
      {
        id: 2,
        amount: 10000n,
        remaining: 6000n,
        activationAt: hours(0),
        expiresAt: null,
        activated: true,
        expired: false,
      },
    ];
    const hold: TemporaryTransaction = {
      transactionId: 7,
      kind: 'redemption',
      amount: 14000n,
      deadline: hours(12),
      allocations: [
        { lotId: 1, amount: 10000n },
        { lotId: 2, amount: 4000n },
      ],
    };
    const accrual: TemporaryTransaction = { transactionId: 8, kind: 'accrual', amount: 900n, deadline: hours(12) };
    const cached = { active: 6000n, pending: 900n, held: 14000n, debt: 1000n };
    expect(projectBalance(cached, lots, [hold, accrual], hours(11))).toEqual({
      active: 5000n, // lot 1 expired with nothing left in it; 6000 - 1000 debt
      pending: 900n,
      held: 14000n,
      total: 19900n,
    });
    expect(projectBalance(cached, lots, [hold, accrual], hours(12))).toEqual({
      active: 9000n, // 6000 + 4000 back - 1000 debt; lot 1's 10000 expire at release
      pending: 0n,
      held: 0n,
      total: 9000n,
    });
  });

  it('refuses to project a hold whose lot it is not given', () => {
    const hold: TemporaryTransaction = {
      transactionId: 7,
      kind: 'redemption',
      amount: 1n,
      deadline: hours(1),
      allocations: [{ lotId: 5, amount: 1n }],
    };
    expect(() => projectBalance({ active: 0n, pending: 0n, held: 1n, debt: 0n }, [], [hold], hours(2))).toThrow(
      expect.objectContaining({ code: 'INTERNAL' }),
    );
  });

  describe('properties', () => {
    it('projecting the cache equals computing from scratch, from all lots or only the due ones', () => {
      fc.assert(
        fc.property(accountState, (state) => {
          const { lots, temporaries, debt, now } = state;
          const cached = cachedBalanceFromLots(lots, temporaries, debt);
          const fromScratch = balanceFromLots(lots, temporaries, debt, now);
          expect(projectBalance(cached, lots, temporaries, now)).toEqual(fromScratch);
          const due = dueOnly(state);
          expect(projectBalance(cached, due.lots, due.temporaries, now)).toEqual(fromScratch);
        }),
      );
    });

    it('carrying out the settlement plan leaves the cache equal to the projection and nothing due', () => {
      fc.assert(
        fc.property(accountState, (state) => {
          const { lots, temporaries, debt, now } = state;
          const cached = cachedBalanceFromLots(lots, temporaries, debt);
          const after = carryOut(state, planSettlement(lots, temporaries, now));
          expect(cachedBalanceFromLots(after.lots, after.temporaries, debt)).toEqual(
            projectCachedBalance(cached, lots, temporaries, now),
          );
          expect(balanceFromLots(after.lots, after.temporaries, debt, now)).toEqual(
            balanceFromLots(lots, temporaries, debt, now),
          );
          expect(planSettlement(after.lots, after.temporaries, now)).toEqual({
            activate: [],
            expire: [],
            timeouts: [],
          });
        }),
      );
    });

    it('a worker that ran at an earlier instant changes nothing in what a later read sees', () => {
      fc.assert(
        fc.property(accountState, fc.integer({ min: 0, max: 30 }), (state, lateness) => {
          const { lots, temporaries, debt, now } = state;
          const earlier = carryOut(state, planSettlement(lots, temporaries, now));
          const later = new Date(now.getTime() + lateness * 3_600_000);
          const cache = cachedBalanceFromLots(earlier.lots, earlier.temporaries, debt);
          expect(projectBalance(cache, earlier.lots, earlier.temporaries, later)).toEqual(
            balanceFromLots(lots, temporaries, debt, later),
          );
        }),
      );
    });

    it('never reads a negative balance without debt', () => {
      fc.assert(
        fc.property(accountState, (state) => {
          const { lots, temporaries, now } = state;
          const balance = projectBalance(cachedBalanceFromLots(lots, temporaries, 0n), lots, temporaries, now);
          expect([balance.active, balance.pending, balance.held].every((value) => value >= 0n)).toBe(true);
          expect(balance.total).toBe(balance.active + balance.pending + balance.held);
          expect(netBalance({ ...cachedBalanceFromLots(lots, temporaries, 0n), debt: 0n }).active >= 0n).toBe(true);
        }),
      );
    });
  });
});
