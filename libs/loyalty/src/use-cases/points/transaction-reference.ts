import type { BalanceAnswer } from '../../domain/balance-answer';

export interface TransactionReference {
  programId: number;
  transactionId?: number | null;
  transactionEid?: string | null;
}

export interface TransactionStateAnswer {
  transaction_id: number;
  balance: BalanceAnswer;
}
