import { Injectable } from '@nestjs/common';
import { balanceAnswer } from '../../domain/balance-answer';
import { LedgerRunner } from '../../ledger/ledger-runner';
import type { TransactionReference, TransactionStateAnswer } from './transaction-reference';

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
