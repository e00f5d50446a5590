import { Points } from '@loyalty/kernel';
import type { Balance } from '@loyalty/loyalty-engine';
import type { MatchingInput } from '@loyalty/profiles';
import { BalanceAnswer, balanceAnswer } from '../../domain/balance-answer';
import type { Promotion } from '../../entities/promotion.entity';
import type { LedgerRequest } from '../../ledger/ledger-runner';
import type { PostingDetails } from '../../ledger/member-ledger';
import type { TransactionRow } from '../../ledger/ledger-store';
import type { CurrencyReference } from '../../repositories/program-lookup';

export const DEFAULT_TEMP_TIMEOUT_SEC = 600;

/** What accrue_points and redeem_points have in common. */
export interface PointsOperationInput extends CurrencyReference {
  programId: number;
  person: MatchingInput;
  promotion: number | string;
  amount?: string | null;
  isTemp?: boolean | null;
  tempTimeoutSec?: number | null;
  createdAt?: string | null;
  transactionEid?: string | null;
  externalData?: unknown;
  fingerprint: string;
}

export interface PointsOperationAnswer {
  transaction_id: number;
  transaction_eid: string;
  amount: string;
  balance: BalanceAnswer;
}

export function ledgerRequest(input: PointsOperationInput): LedgerRequest {
  return {
    programId: input.programId,
    person: input.person,
    transactionEid: input.transactionEid,
    fingerprint: input.fingerprint,
  };
}

/** The deadline of a temporary operation (`is_temp`), or null. */
export function tempDeadline(input: PointsOperationInput, now: Date): Date | null {
  return input.isTemp ? new Date(now.getTime() + (input.tempTimeoutSec ?? DEFAULT_TEMP_TIMEOUT_SEC) * 1000) : null;
}

/** Where a trigger operation's transaction comes from: the promotion. */
export function fromPromotion(input: PointsOperationInput, promotion: Promotion): PostingDetails {
  return {
    transactionEid: input.transactionEid,
    promotionId: promotion.id,
    externalData: input.externalData,
    sourceType: 'promotion',
    sourceIid: String(promotion.id),
    sourceEid: promotion.externalId,
  };
}

export function operationAnswer(transaction: TransactionRow, amount: bigint, balance: Balance): PointsOperationAnswer {
  return {
    transaction_id: transaction.id,
    transaction_eid: transaction.transactionEid,
    amount: Points.format(amount),
    balance: balanceAnswer(balance),
  };
}
