import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { TRANSACTIONS_EXPORT_STALE_MS, TRANSACTIONS_EXPORT_TASK, transactionsExportJobId } from '@loyalty/loyalty';
import { JobQueues } from '@loyalty/platform';
import { requeueLostTasks } from '../sweep/requeue-lost-tasks';
import { SweepTask } from '../sweep/sweep-task';

/**
 * Restores what Redis or a dead worker lost: an export whose worker stopped beating is queued
 * again (its next claim deletes the parts it wrote), and every export still queued after the
 * grace period gets its job (same deterministic id, so a waiting job is not doubled).
 */
@Injectable()
export class TransactionsExportSweep extends SweepTask {
  readonly name = 'transactions-export';

  constructor(
    private readonly orm: MikroORM,
    private readonly queues: JobQueues,
  ) {
    super();
  }

  async run(now: Date): Promise<void> {
    await requeueLostTasks(
      this.orm.em.fork(),
      this.queues,
      {
        kind: TRANSACTIONS_EXPORT_TASK,
        job: 'imports.transactions.export',
        jobId: transactionsExportJobId,
        staleMs: TRANSACTIONS_EXPORT_STALE_MS,
      },
      now,
    );
  }
}
