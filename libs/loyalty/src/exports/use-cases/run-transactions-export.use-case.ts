import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager, IsolationLevel, MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { CLOCK, ClaimedTask, runClaimedTask, TaskFiles, TaskFileWriter, TaskProgress } from '@loyalty/platform';
import { ExportedTransaction, transactionCsvRecord, transactionsCsvHeader } from '../domain/transactions-csv';

/** The task kind of `loyalty/transactions_export`, and the deterministic id of its job (no `:`). */
export const TRANSACTIONS_EXPORT_TASK = 'loyalty.transactions_export';
export const transactionsExportJobId = (taskId: number) => `transactions-export-${taskId}`;

/** The sweep queues again a running export silent for this long. */
export const TRANSACTIONS_EXPORT_STALE_MS = 120_000;

/** Rows one keyset query reads. */
export const EXPORT_BATCH_ROWS = 5_000;

export interface TransactionsExportResult extends Record<string, unknown> {
  rows: number;
  bytes: number;
  chunks: number;
  file: { name: string; content_type: string };
}

interface ExportWindow {
  programId: number;
  currencyId: number;
  from: Date;
  to: Date;
  fromId: number | null;
}

/**
 * Runs an export task on the worker. Its rows are read in one repeatable-read snapshot, in keyset
 * batches ordered by (created_at, id), written as CSV into ~1 MB parts as they fill, so memory
 * holds one batch and one part. Progress (rows written) goes on another connection for
 * `tasks/get`. A claim first deletes any parts an interrupted run left, so a re-run after a
 * worker died writes the file once.
 */
@Injectable()
export class RunTransactionsExport {
  private readonly logger = new Logger(RunTransactionsExport.name);

  constructor(
    private readonly orm: MikroORM,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(taskId: number, options: { chunkBytes?: number } = {}): Promise<'done' | 'failed' | 'skipped'> {
    const em = this.orm.em.fork();
    const run = { taskId, label: 'export task', unexpectedFailure: 'The export failed unexpectedly' };
    return runClaimedTask(em, this.clock, this.logger, run, (claimed) => this.export(em, taskId, claimed, options));
  }

  private async export(
    em: EntityManager,
    taskId: number,
    claimed: ClaimedTask,
    options: { chunkBytes?: number },
  ): Promise<TransactionsExportResult> {
    await TaskFiles.clear(em, taskId);
    const input = claimed.input;
    const window: ExportWindow = {
      programId: input['loyalty_program_id'] as number,
      currencyId: input['points_currency_iid'] as number,
      from: new Date(input['date_from'] as string),
      to: new Date(input['date_to'] as string),
      fromId: (input['from_id'] as number | null) ?? null,
    };
    const writer = new TaskFileWriter(em, taskId, options.chunkBytes);
    const reader = this.orm.em.fork();
    const rows = await reader.transactional(
      async (tx) => {
        const total = await countRows(tx, window);
        await writer.write(transactionsCsvHeader());
        let written = 0;
        let cursor: { createdAt: Date; id: number } = { createdAt: window.from, id: 0 };
        for (;;) {
          const batch = await readBatch(tx, window, cursor);
          if (batch.length === 0) break;
          for (const row of batch) await writer.write(transactionCsvRecord(row));
          written += batch.length;
          const last = batch[batch.length - 1];
          cursor = { createdAt: last.createdAt, id: last.id };
          await TaskProgress.progress(
            em,
            taskId,
            Math.min(99, Math.floor((written * 100) / Math.max(total, 1))),
            this.clock.now(),
          );
          await TaskProgress.items(em, taskId, written);
          if (batch.length < EXPORT_BATCH_ROWS) break;
        }
        return written;
      },
      { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
    );
    await writer.close();
    const size = await TaskFiles.size(em, taskId);
    return {
      rows,
      bytes: size.bytes,
      chunks: size.chunks,
      file: { name: `transactions-${taskId}.csv`, content_type: 'text/csv; charset=utf-8' },
    };
  }
}

const WINDOW_SQL = `t.program_id = ? and a.currency_id = ? and t.created_at >= ? and t.created_at <= ?
                    and (?::bigint is null or t.id > ?::bigint)`;

const windowParams = (window: ExportWindow) => [
  window.programId,
  window.currencyId,
  window.from,
  window.to,
  window.fromId,
  window.fromId,
];

async function countRows(em: EntityManager, window: ExportWindow): Promise<number> {
  const rows: Array<{ n: string }> = await em.execute(
    `select count(*)::text as n from points_transactions t join points_accounts a on a.id = t.points_account_id
      where ${WINDOW_SQL}`,
    windowParams(window),
  );
  return Number(rows[0].n);
}

async function readBatch(
  em: EntityManager,
  window: ExportWindow,
  after: { createdAt: Date; id: number },
): Promise<ExportedTransaction[]> {
  const rows: Array<Record<string, unknown>> = await em.execute(
    `select t.id, t.transaction_eid, m.profile_id, t.created_at, t.type, t.status, t.amount::text as amount,
            t.balance_before::text as balance_before, t.balance_after::text as balance_after, t.promotion_id,
            p.external_id as promotion_eid, t.description, t.activation_at, t.expiration_at, t.source_type,
            t.source_iid, t.source_eid, t.external_data
       from points_transactions t
       join points_accounts a on a.id = t.points_account_id
       join members m on m.id = t.member_id
       left join promotions p on p.id = t.promotion_id
      where ${WINDOW_SQL} and (t.created_at, t.id) > (?::timestamptz, ?::bigint)
      order by t.created_at, t.id
      limit ?`,
    [...windowParams(window), after.createdAt, after.id, EXPORT_BATCH_ROWS],
  );
  return rows.map((row) => ({
    id: Number(row['id']),
    transactionEid: row['transaction_eid'] as string,
    profileId: row['profile_id'] as string,
    createdAt: new Date(row['created_at'] as Date),
    type: row['type'] as string,
    status: row['status'] as string,
    amount: BigInt(row['amount'] as string),
    balanceBefore: BigInt(row['balance_before'] as string),
    balanceAfter: BigInt(row['balance_after'] as string),
    promotionId: row['promotion_id'] == null ? null : Number(row['promotion_id']),
    promotionEid: (row['promotion_eid'] as string | null) ?? null,
    description: (row['description'] as string | null) ?? null,
    activationAt: row['activation_at'] ? new Date(row['activation_at'] as Date) : null,
    expirationAt: row['expiration_at'] ? new Date(row['expiration_at'] as Date) : null,
    sourceType: (row['source_type'] as string | null) ?? null,
    sourceIid: (row['source_iid'] as string | null) ?? null,
    sourceEid: (row['source_eid'] as string | null) ?? null,
    externalData: row['external_data'] ?? null,
  }));
}
