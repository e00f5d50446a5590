import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '@loyalty/contracts';
import { RunTransactionsExport } from '@loyalty/loyalty';
import { HandlesJob, JobHandler } from '../jobs/job-handler';

/** Runs a queued transactions export; a second job for the same task finds it taken and does nothing. */
@Injectable()
@HandlesJob('imports.transactions.export')
export class TransactionsExportHandler implements JobHandler<'imports.transactions.export'> {
  constructor(private readonly runExport: RunTransactionsExport) {}

  async handle(payload: JobPayloads['imports.transactions.export']): Promise<void> {
    await this.runExport.execute(payload.task_id);
  }
}
