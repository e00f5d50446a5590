import { isActiveAt, isExpiredAt, Lot } from './lot';
import { LotAllocation } from './lot-allocation';
import { planReturn } from './plan-return';
import { heldAllocations, isTimedOutAt, TemporaryKind, TemporaryTransaction } from './temporary-transaction';

export interface LotExpiry {
  readonly lotId: number;
  /** The lot's remaining (possibly 0): it leaves `active`, or `pending` if the lot was never activated. */
  readonly amount: bigint;
  /** The lot's `expiresAt`: when the expiration happened, however late it is processed. */
  readonly at: Date;
}

export interface TemporaryTimeout {
  readonly transactionId: number;
  readonly kind: TemporaryKind;
  /** What leaves `pending` (accrual) or `held` (redemption). */
  readonly amount: bigint;
  /** Redemptions: parts that go back into their still-valid lots. */
  readonly restore: LotAllocation[];
  /** Redemptions: parts whose lot expired during the hold; they expire at release. */
  readonly expireAtOnce: LotAllocation[];
}

export interface SettlementPlan {
  /** Lots to flag activated: their remaining moves from `pending` to `active`. */
  readonly activate: number[];
  /** Lots to flag expired. */
  readonly expire: LotExpiry[];
  /** Temporary transactions past their deadline, to roll back. */
  readonly timeouts: TemporaryTimeout[];
}

const byTime = (a: Date, b: Date) => a.getTime() - b.getTime();

/**
 * What must be done at `now` to bring the processed state (lot flags, temporary statuses, the
 * cached balance) up to date. `lots` may be every lot of the account or only those with a due
 * transition plus the lots named by timed-out redemptions; lots flagged expired are ignored.
 * `temporaries` are the transactions still stored as temporary (those not timed out are left alone).
 *
 * A lot past both its activation and its expiry is expired without ever being activated: its
 * remaining goes from `pending` straight to expired (it is in `expire`, not in `activate`).
 * Lists are ordered by the transition's instant, then by id.
 */
export function planSettlement(
  lots: readonly Lot[],
  temporaries: readonly TemporaryTransaction[],
  now: Date,
): SettlementPlan {
  const open = lots.filter((lot) => !lot.expired);
  const activate = open
    .filter((lot) => !lot.activated && isActiveAt(lot, now))
    .sort((a, b) => byTime(a.activationAt, b.activationAt) || a.id - b.id)
    .map((lot) => lot.id);
  const expire = open
    .filter((lot) => isExpiredAt(lot, now))
    .map((lot) => ({ lotId: lot.id, amount: lot.remaining, at: lot.expiresAt as Date }))
    .sort((a, b) => byTime(a.at, b.at) || a.lotId - b.lotId);
  const timeouts = temporaries
    .filter((temporary) => isTimedOutAt(temporary, now))
    .sort((a, b) => byTime(a.deadline, b.deadline) || a.transactionId - b.transactionId)
    .map((temporary) => ({
      transactionId: temporary.transactionId,
      kind: temporary.kind,
      amount: temporary.amount,
      ...planReturn(heldAllocations(temporary), lots, now),
    }));
  return { activate, expire, timeouts };
}
