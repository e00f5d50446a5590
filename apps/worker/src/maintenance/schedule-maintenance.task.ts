import { Injectable } from '@nestjs/common';
import { JobQueues } from '@loyalty/platform';
import { SweepTask } from '../sweep/sweep-task';

const HOUR_MS = 60 * 60 * 1000;

/** Keeps the hourly idempotency purge scheduled (re-creates the scheduler if Redis lost it). */
@Injectable()
export class ScheduleMaintenanceTask extends SweepTask {
  readonly name = 'schedule-maintenance';

  constructor(private readonly queues: JobQueues) {
    super();
  }

  async run(): Promise<void> {
    await this.queues.schedule('idempotency-purge', HOUR_MS, 'maintenance.idempotency.purge', { batch_size: 5_000 });
  }
}
