import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { foldLedgerDeltas } from '../repositories/ledger-figures';

/**
 * Folds the ledger deltas the triggers appended into the report buckets (the worker's sweep runs
 * it). Crosses accounts: plain SQL on a fork without the tenant filter's caller.
 */
@Injectable()
export class FoldLedgerDeltas {
  constructor(private readonly orm: MikroORM) {}

  /** Folds up to `maxBatches` batches of 50,000 deltas; answers how many, or null when another folder is at work. */
  execute(maxBatches?: number): Promise<number | null> {
    return foldLedgerDeltas(this.orm.em.fork(), maxBatches);
  }
}
