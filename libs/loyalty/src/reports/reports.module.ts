import { Module } from '@nestjs/common';
import { FoldLedgerDeltas } from './use-cases/fold-ledger-deltas.use-case';
import { SummarizeLedger } from './use-cases/summarize-ledger.use-case';

const useCases = [SummarizeLedger, FoldLedgerDeltas];

/** The ledger's reports: the summary's ledger side and the fold of the report deltas. */
@Module({ providers: useCases, exports: useCases })
export class LoyaltyReportsModule {}
