import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { APP_CONFIG, AppConfig, LOGGER } from '@loyalty/platform';
import { countLedgerViolations } from './count-ledger-violations';
import { LedgerInvariantGauges } from './ledger-invariant.gauges';

/**
 * Checks the ledger's invariants at start and every LEDGER_CHECK_INTERVAL_MS (0: never) for the
 * `ledger_invariant_*` gauges. A tick that finds the previous check still running is skipped, and
 * a failed check is logged and leaves the gauges at the last completed one.
 */
@Injectable()
export class LedgerInvariantCheck implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly orm: MikroORM,
    private readonly gauges: LedgerInvariantGauges,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.ledgerCheckIntervalMs === 0) return;
    void this.run();
    this.timer = setInterval(() => void this.run(), this.config.ledgerCheckIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Runs one check, or answers the one in progress; never rejects. */
  run(): Promise<void> {
    this.running ??= this.check().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async check(): Promise<void> {
    try {
      const started = performance.now();
      const counts = await countLedgerViolations(this.orm.em.fork() as EntityManager);
      // Wall time, not the Clock: alerts compare it with Prometheus' time(), which a test clock does not move.
      this.gauges.record(counts, new Date(), (performance.now() - started) / 1000);
      const broken = [...counts].filter(([, count]) => count > 0);
      if (broken.length > 0) {
        this.logger.warn({ violations: Object.fromEntries(broken) }, 'ledger invariants violated');
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'ledger invariant check failed');
    }
  }
}
