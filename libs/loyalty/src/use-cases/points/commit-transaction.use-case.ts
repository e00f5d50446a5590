import { Injectable } from '@nestjs/common';
import { balanceAnswer } from '../../domain/balance-answer';
import { LedgerRunner } from '../../ledger/ledger-runner';
import type { TransactionReference, TransactionStateAnswer } from './transaction-reference';

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
