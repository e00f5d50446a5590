import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { LedgerRule, Metrics } from '@loyalty/platform';

/**
 * The worker's ledger invariant gauges: violations per rule, and when the last completed check
 * finished and how long it took. Values stay at the last completed check until the next one.
 */
@Injectable()
export class LedgerInvariantGauges {
  private readonly violations: Gauge<'rule'>;
  private readonly checkedAt: Gauge;
  private readonly duration: Gauge;

  constructor(metrics: Metrics) {
    const registers = [metrics.registry];
    this.violations = new Gauge({
      name: 'ledger_invariant_violations',
      help: 'Rows breaking each ledger invariant at the last completed check (0 when the ledger is sound)',
      labelNames: ['rule'] as const,
      registers,
    });
    this.checkedAt = new Gauge({
      name: 'ledger_invariant_check_timestamp_seconds',
      help: 'Unix time at which the last ledger invariant check completed (0: none yet)',
      registers,
    });
    this.duration = new Gauge({
      name: 'ledger_invariant_check_duration_seconds',
      help: 'How long the last completed ledger invariant check took',
      registers,
    });
  }

  record(counts: Map<LedgerRule, number>, completedAt: Date, durationSeconds: number): void {
    for (const [rule, count] of counts) this.violations.set({ rule }, count);
    this.checkedAt.set(completedAt.getTime() / 1000);
    this.duration.set(durationSeconds);
  }
}
