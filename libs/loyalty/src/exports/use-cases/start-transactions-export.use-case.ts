import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError, formatRfc3339 } from '@loyalty/kernel';
import { AccountContext, CLOCK, JobQueues, Task } from '@loyalty/platform';
import { programInstant } from '../../domain/operation-dates';
import { CurrencyReference, requireCurrency, requireProgram } from '../../repositories/program-lookup';
import { TRANSACTIONS_EXPORT_TASK, transactionsExportJobId } from './run-transactions-export.use-case';

export interface TransactionsExportInput extends CurrencyReference {
  programId: number;
  dateFrom: string;
  dateTo: string;
  fromId?: number | null;
}

/**
 * `loyalty/transactions_export`: records a task for the program's transactions of one currency in
 * `[date_from, date_to]` (dates in the program's zone, both ends inclusive; `from_id` keeps only
 * later ids) and queues the worker's job; the CSV comes from `tasks/download` once `tasks/get`
 * says done. A job lost with Redis is queued again by the worker's sweep.
 */
@Injectable()
export class StartTransactionsExport {
  private readonly logger = new Logger(StartTransactionsExport.name);

  constructor(
    private readonly em: EntityManager,
    private readonly queues: JobQueues,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: TransactionsExportInput): Promise<{ task_id: number }> {
    const task = await this.em.transactional(async (em) => {
      const program = await requireProgram(em, input.programId);
      const currency = await requireCurrency(em, program, input);
      const from = programInstant(input.dateFrom, program, 'start', 'date_from');
      const to = programInstant(input.dateTo, program, 'end', 'date_to');
      if (to < from) throw DomainError.invalid('date_to', 'must not be before date_from');
      const task = em.create(Task, {
        account: AccountContext.accountId(),
        kind: TRANSACTIONS_EXPORT_TASK,
        status: 'queued',
        progress: 0,
        input: {
          loyalty_program_id: program.id,
          points_currency_iid: currency.id,
          points_currency_eid: currency.externalId,
          date_from: formatRfc3339(from),
          date_to: formatRfc3339(to),
          from_id: input.fromId ?? null,
        },
        result: null,
        errors: [],
        createdAt: this.clock.now(),
      });
      await em.flush();
      return task;
    });
    try {
      await this.queues.enqueue(
        'imports.transactions.export',
        { task_id: task.id },
        { jobId: transactionsExportJobId(task.id) },
      );
    } catch (error) {
      this.logger.warn(
        `export task ${task.id} recorded but not queued (the sweep will queue it): ${(error as Error).message}`,
      );
    }
    return { task_id: task.id };
  }
}
