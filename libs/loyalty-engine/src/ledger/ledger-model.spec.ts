import fc from 'fast-check';
import { CachedBalance } from './account-balance';
import { balanceFromLots, cachedBalanceFromLots } from './balance-from-lots';
import { Lot } from './lot';
import { LotAllocation, sumByLot } from './lot-allocation';
import { planRedemption } from './plan-redemption';
import { planReturn } from './plan-return';
import { planReversal } from './plan-reversal';
import { planSettlement } from './plan-settlement';
import { projectBalance, projectCachedBalance } from './project-balance';
import { TemporaryTransaction } from './temporary-transaction';

/**
 * A model of the service: every write settles under the member's lock first, then applies one plan
 * and updates the cached balance incrementally; the worker may lag behind as it likes. After each
 * step the cache must equal the sum of the lots, and a read must equal the balance from scratch.
 */

const HOUR = 3_600_000;

interface Account {
  lots: Lot[];
  temporaries: TemporaryTransaction[];
  cache: CachedBalance;
  now: Date;
  nextId: number;
  redemptions: LotAllocation[][];
  reversible: number[];
}

type Operation =
  | { op: 'advance'; hours: number }
  | { op: 'worker' }
  | { op: 'accrue'; amount: bigint; delay: number; validity: number | null }
  | { op: 'redeem'; amount: bigint }
  | { op: 'cancel'; pick: number }
  | { op: 'hold'; amount: bigint; ttl: number }
  | { op: 'tempAccrual'; amount: bigint; ttl: number }
  | { op: 'commit'; pick: number }
  | { op: 'release'; pick: number }
  | { op: 'reverse'; pick: number; share: number };

const amount = fc.bigInt({ min: 1n, max: 6000n });
const pick = fc.nat();
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ op: fc.constant('advance' as const), hours: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ op: fc.constant('worker' as const) }),
  fc.record({
    op: fc.constant('accrue' as const),
    amount: fc.bigInt({ min: 1n, max: 20000n }),
    delay: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 48 })),
    validity: fc.option(fc.integer({ min: 1, max: 120 }), { nil: null }),
  }),
  fc.record({ op: fc.constant('redeem' as const), amount }),
  fc.record({ op: fc.constant('cancel' as const), pick }),
  fc.record({ op: fc.constant('hold' as const), amount, ttl: fc.integer({ min: 1, max: 24 }) }),
  fc.record({ op: fc.constant('tempAccrual' as const), amount, ttl: fc.integer({ min: 1, max: 24 }) }),
  fc.record({ op: fc.constant('commit' as const), pick }),
  fc.record({ op: fc.constant('release' as const), pick }),
  fc.record({ op: fc.constant('reverse' as const), pick, share: fc.integer({ min: 1, max: 4 }) }),
);

const cacheAdd = (account: Account, lot: Lot, delta: bigint) => {
  const key = lot.activated ? 'active' : 'pending';
  account.cache = { ...account.cache, [key]: account.cache[key] + delta };
};

const moveParts = (account: Account, parts: readonly LotAllocation[], sign: 1n | -1n) => {
  const byLot = sumByLot(parts);
  account.lots = account.lots.map((lot) => {
    const delta = sign * (byLot.get(lot.id) ?? 0n);
    if (delta !== 0n) {
      cacheAdd(account, lot, delta);
    }
    return { ...lot, remaining: lot.remaining + delta };
  });
};

/** Carries out planSettlement and moves the cache the way projectCachedBalance says. */
function settle(account: Account): void {
  const plan = planSettlement(account.lots, account.temporaries, account.now);
  const cache = projectCachedBalance(account.cache, account.lots, account.temporaries, account.now);
  const restored = sumByLot(plan.timeouts.flatMap((timeout) => timeout.restore));
  const closed = new Set(plan.timeouts.map((timeout) => timeout.transactionId));
  account.lots = account.lots.map((lot) => ({
    ...lot,
    remaining: lot.remaining + (restored.get(lot.id) ?? 0n),
    activated: lot.activated || plan.activate.includes(lot.id),
    expired: lot.expired || plan.expire.some((expiry) => expiry.lotId === lot.id),
  }));
  account.temporaries = account.temporaries.filter((t) => !closed.has(t.transactionId));
  account.cache = cache;
}

function createLot(account: Account, points: bigint, delay: number, validity: number | null): void {
  const activationAt = new Date(account.now.getTime() + delay * HOUR);
  const lot: Lot = {
    id: account.nextId++,
    amount: points,
    remaining: points,
    activationAt,
    expiresAt: validity === null ? null : new Date(activationAt.getTime() + validity * HOUR),
    activated: delay === 0,
    expired: false,
  };
  account.lots = [...account.lots, lot];
  account.reversible = [...account.reversible, lot.id];
  cacheAdd(account, lot, points);
}

function live(account: Account, kind: 'accrual' | 'redemption', index: number): TemporaryTransaction | undefined {
  const candidates = account.temporaries.filter((t) => t.kind === kind);
  return candidates.length === 0 ? undefined : candidates[index % candidates.length];
}

function close(account: Account, temporary: TemporaryTransaction): void {
  account.temporaries = account.temporaries.filter((t) => t.transactionId !== temporary.transactionId);
  const key = temporary.kind === 'accrual' ? 'pending' : 'held';
  account.cache = { ...account.cache, [key]: account.cache[key] - temporary.amount };
}

function apply(account: Account, step: Operation, allowNegative: boolean): void {
  if (step.op === 'advance') {
    account.now = new Date(account.now.getTime() + step.hours * HOUR);
    return;
  }
  settle(account); // the worker's run, or the first thing a write does under the member's lock
  switch (step.op) {
    case 'accrue':
      return createLot(account, step.amount, step.delay, step.validity);
    case 'redeem':
    case 'hold': {
      const plan = planRedemption(account.lots, step.amount, account.now);
      if (plan.shortfall > 0n) {
        return; // INSUFFICIENT_POINTS
      }
      moveParts(account, plan.allocations, -1n);
      if (step.op === 'redeem') {
        account.redemptions = [...account.redemptions, plan.allocations];
        return;
      }
      const deadline = new Date(account.now.getTime() + step.ttl * HOUR);
      const hold = { transactionId: account.nextId++, kind: 'redemption' as const, amount: step.amount, deadline };
      account.temporaries = [...account.temporaries, { ...hold, allocations: plan.allocations }];
      account.cache = { ...account.cache, held: account.cache.held + step.amount };
      return;
    }
    case 'tempAccrual': {
      const deadline = new Date(account.now.getTime() + step.ttl * HOUR);
      account.temporaries = [
        ...account.temporaries,
        { transactionId: account.nextId++, kind: 'accrual', amount: step.amount, deadline },
      ];
      account.cache = { ...account.cache, pending: account.cache.pending + step.amount };
      return;
    }
    case 'cancel': {
      if (account.redemptions.length === 0) {
        return;
      }
      const index = step.pick % account.redemptions.length;
      const allocations = account.redemptions[index];
      account.redemptions = account.redemptions.filter((_, i) => i !== index);
      return moveParts(account, planReturn(allocations, account.lots, account.now).restore, 1n);
    }
    case 'commit': {
      const temporary = live(account, step.pick % 2 === 0 ? 'redemption' : 'accrual', step.pick);
      if (temporary === undefined) {
        return;
      }
      close(account, temporary);
      if (temporary.kind === 'accrual') {
        return createLot(account, temporary.amount, step.pick % 3, null);
      }
      account.redemptions = [...account.redemptions, [...(temporary.allocations ?? [])]];
      return;
    }
    case 'release': {
      const temporary = live(account, 'redemption', step.pick);
      if (temporary !== undefined) {
        close(account, temporary);
        moveParts(account, planReturn(temporary.allocations ?? [], account.lots, account.now).restore, 1n);
      }
      return;
    }
    case 'reverse': {
      if (account.reversible.length === 0) {
        return;
      }
      const lotId = account.reversible[step.pick % account.reversible.length];
      account.reversible = account.reversible.filter((id) => id !== lotId);
      const reversed = account.lots.find((lot) => lot.id === lotId) as Lot;
      const points = (reversed.amount * BigInt(step.share)) / 4n;
      if (points === 0n) {
        return;
      }
      const plan = planReversal(reversed, account.lots, points, account.now, allowNegative);
      moveParts(account, [{ lotId, amount: plan.fromReversedLot }, ...plan.fromOtherLots], -1n);
      account.cache = { ...account.cache, debt: account.cache.debt + plan.debt };
      return;
    }
    case 'worker':
      return;
  }
}

describe('ledger model (every operation in sequence)', () => {
  it('keeps the cache equal to the lots, reads equal to the balance from scratch, nothing negative', () => {
    fc.assert(
      fc.property(
        fc.array(operation, { minLength: 5, maxLength: 50, size: 'max' }),
        fc.boolean(),
        (steps, allowNegative) => {
          const account: Account = {
            lots: [],
            temporaries: [],
            cache: { active: 0n, pending: 0n, held: 0n, debt: 0n },
            now: new Date('2026-03-01T00:00:00Z'),
            nextId: 1,
            redemptions: [],
            reversible: [],
          };
          for (const step of steps) {
            apply(account, step, allowNegative);
            const { lots, temporaries, cache, now } = account;
            expect(lots.every((lot) => lot.remaining >= 0n && lot.remaining <= lot.amount)).toBe(true);
            expect(cachedBalanceFromLots(lots, temporaries, cache.debt)).toEqual(cache);
            const read = projectBalance(cache, lots, temporaries, now);
            expect(read).toEqual(balanceFromLots(lots, temporaries, cache.debt, now));
            expect(read.pending >= 0n && read.held >= 0n).toBe(true);
            expect(read.active >= 0n || cache.debt > 0n).toBe(true);
            expect(allowNegative || cache.debt === 0n).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
