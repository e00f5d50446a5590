import { Injectable, Logger } from '@nestjs/common';
import { FoldLedgerDeltas } from '@loyalty/loyalty';
import { SweepTask } from '../sweep/sweep-task';

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
    const folded = await this.fold.execute();
    if (folded) this.logger.debug(`folded ${folded} ledger deltas into the report buckets`);
  }
}
