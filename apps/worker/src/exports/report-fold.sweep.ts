import { Injectable, Logger } from '@nestjs/common';
import { FoldLedgerDeltas } from '@loyalty/loyalty';
import { SweepTask } from '../sweep/sweep-task';

/** Batches of 50,000 one sweep folds at most, so a backlog does not hold the other sweep tasks (or shutdown) for long. */
const BATCHES_PER_SWEEP = 20;

/**
 * Folds the ledger deltas the triggers appended into the report buckets. The summary reads the
 * unfolded deltas too, so a late fold only costs the summary time, never a figure.
 */
@Injectable()
export class ReportFoldSweep extends SweepTask {
  readonly name = 'report-fold';
  private readonly logger = new Logger(ReportFoldSweep.name);

  constructor(private readonly fold: FoldLedgerDeltas) {
    super();
  }

  async run(): Promise<void> {
    const folded = await this.fold.execute(BATCHES_PER_SWEEP);
    if (folded) this.logger.debug(`folded ${folded} ledger deltas into the report buckets`);
  }
}
