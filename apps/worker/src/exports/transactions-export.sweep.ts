import { Injectable } from '@nestjs/common';
import { TRANSACTIONS_EXPORT_STALE_MS, TRANSACTIONS_EXPORT_TASK, transactionsExportJobId } from '@loyalty/loyalty';
import { LostTasksSweep } from '../sweep/lost-tasks.sweep';

/** Transaction exports that lost their job (the next claim deletes the parts a dead run wrote). */
@Injectable()
export class TransactionsExportSweep extends LostTasksSweep {
  readonly name = 'transactions-export';
  protected readonly tasks = {
    kind: TRANSACTIONS_EXPORT_TASK,
    job: 'imports.transactions.export',
    jobId: transactionsExportJobId,
    staleMs: TRANSACTIONS_EXPORT_STALE_MS,
  } as const;
}
