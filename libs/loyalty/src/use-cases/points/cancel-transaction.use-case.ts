import { Injectable } from '@nestjs/common';
import { balanceAnswer } from '../../domain/balance-answer';
import { LedgerRunner } from '../../ledger/ledger-runner';
import type { TransactionReference, TransactionStateAnswer } from './transaction-reference';

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
