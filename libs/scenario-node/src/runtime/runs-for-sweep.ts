import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { APP_CONFIG, AppConfig } from '@loyalty/platform';
import { RunScheduler } from './run-scheduler';

const SWEEP_BATCH = 5_000;

/**
 * Restores the jobs of runs from their rows, whatever Redis lost: a running run untouched for a
 * sweep interval gets its step's job again (unless that job still waits or runs), and a waiting
 * run due before the next sweep gets its delayed wake-up.
 */
@Injectable()
export class RunsForSweep {
  constructor(
    private readonly orm: MikroORM,
    private readonly scheduler: RunScheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async restore(now: Date): Promise<number> {
    const em = this.orm.em.fork();
    const stale = new Date(now.getTime() - this.config.sweepIntervalMs);
    const horizon = new Date(now.getTime() + 2 * this.config.sweepIntervalMs);
    const rows: Array<{ id: string; next_step: number; wake_at: Date | string | null }> = await em.execute(
      `(select id, next_step, null::timestamptz as wake_at from scenario_runs
         where status = 'running' and updated_at < ? order by updated_at limit ?)
       union all
       (select id, next_step, wake_at from scenario_runs
         where status = 'waiting' and wake_at <= ? order by wake_at limit ?)`,
      [stale, SWEEP_BATCH, horizon, SWEEP_BATCH],
    );
    for (const row of rows) {
      await this.scheduler.rewake({
        runId: Number(row.id),
        step: row.next_step,
        at: row.wake_at ? new Date(row.wake_at) : null,
      });
    }
    return rows.length;
  }
}
