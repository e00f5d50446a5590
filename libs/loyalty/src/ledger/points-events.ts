import { personSubjectKey } from '@loyalty/contracts';
import { Points } from '@loyalty/kernel';
import type { NewOutboxEvent } from '@loyalty/platform';

/** Whose points an event is about. */
export interface PointsEventOwner {
  tenant: number;
  programId: number;
  profileId: string;
  currencyEid: string;
}

/** `points.accrued`, `points.redeemed`, `points.expired`, `points.cancelled`: one per transaction. */
export function transactionEvent(
  eventType: string,
  owner: PointsEventOwner,
  transaction: { id: number; transactionEid: string; type: string; amount: bigint; createdAt: Date },
): NewOutboxEvent {
  return {
    accountId: owner.tenant,
    eventType,
    subjectKey: personSubjectKey(owner.profileId),
    occurredAt: transaction.createdAt,
    payload: {
      loyalty_program_id: owner.programId,
      profile_id: owner.profileId,
      points_currency_eid: owner.currencyEid,
      transaction_id: transaction.id,
      transaction_eid: transaction.transactionEid,
      transaction_type: transaction.type,
      amount: Points.format(transaction.amount),
    },
  };
}

/**
 * `points.activated`: a lot's pending points became active (no ledger transaction records an
 * activation, rules.md §2.1). `amount` is what left pending, `debt_paid` the part of it that paid
 * points owed; the event happens at the activation instant.
 */
export function activationEvent(
  owner: PointsEventOwner,
  lot: { id: number; transaction: number; activationAt: Date },
  activated: { amount: bigint; debtPaid: bigint },
): NewOutboxEvent {
  return {
    accountId: owner.tenant,
    eventType: 'points.activated',
    subjectKey: personSubjectKey(owner.profileId),
    occurredAt: lot.activationAt,
    payload: {
      loyalty_program_id: owner.programId,
      profile_id: owner.profileId,
      points_currency_eid: owner.currencyEid,
      transaction_id: lot.transaction,
      lot_id: lot.id,
      amount: Points.format(activated.amount),
      debt_paid: Points.format(activated.debtPaid),
      activated_at: lot.activationAt.toISOString(),
    },
  };
}
