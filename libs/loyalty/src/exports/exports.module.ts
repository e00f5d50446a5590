import { Module } from '@nestjs/common';
import { RunTransactionsExport } from './use-cases/run-transactions-export.use-case';
import { StartTransactionsExport } from './use-cases/start-transactions-export.use-case';

const useCases = [StartTransactionsExport, RunTransactionsExport];

/** `loyalty/transactions_export` and the worker's export task. */
@Module({ providers: useCases, exports: useCases })
export class LoyaltyExportsModule {}
