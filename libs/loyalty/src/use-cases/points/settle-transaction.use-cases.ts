import { Injectable } from '@nestjs/common';
import { BalanceAnswer, balanceAnswer } from '../../domain/balance-answer';
import { LedgerRunner } from '../../ledger/ledger-runner';

export interface TransactionReference {
  programId: number;
  transactionId?: number | null;
  transactionEid?: string | null;
}

export interface TransactionStateAnswer {
  transaction_id: number;
  balance: BalanceAnswer;
}

/** `loyalty/commit_transaction`: a temporary transaction becomes permanent (error 13 if it is not temporary). */
@Injectable()
export class CommitTransaction {
  constructor(private readonly runner: LedgerRunner) {}

  execute(input: TransactionReference): Promise<TransactionStateAnswer> {
    return this.runner.runOnTransaction(input.programId, input, async (ledger, transaction, currency) => {
      await ledger.commit(transaction);
      return { transaction_id: transaction.id, balance: balanceAnswer(ledger.balance(currency)) };
    });
  }
}

/** `loyalty/rollback_transaction`: a temporary transaction is undone (error 13 if it is not temporary). */
@Injectable()
export class RollbackTransaction {
  constructor(private readonly runner: LedgerRunner) {}

  execute(input: TransactionReference): Promise<TransactionStateAnswer> {
    return this.runner.runOnTransaction(input.programId, input, async (ledger, transaction, currency) => {
      await ledger.release(transaction, 'rollback');
      return { transaction_id: transaction.id, balance: balanceAnswer(ledger.balance(currency)) };
    });
  }
}

/**
 * `loyalty/cancel_transaction`: a temporary transaction is released; a posted one is reversed by a
 * `cancellation`. Cancelling twice is error 13.
 */
@Injectable()
export class CancelTransaction {
  constructor(private readonly runner: LedgerRunner) {}

  execute(input: TransactionReference): Promise<TransactionStateAnswer> {
    return this.runner.runOnTransaction(input.programId, input, async (ledger, transaction, currency) => {
      if (transaction.status === 'temporary') await ledger.release(transaction, 'cancel');
      else await ledger.cancelPosted(transaction);
      return { transaction_id: transaction.id, balance: balanceAnswer(ledger.balance(currency)) };
    });
  }
}
