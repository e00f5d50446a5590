import { Injectable } from '@nestjs/common';
import { DeliveriesForSweep } from '@loyalty/notifications';
import { SweepTask } from '../sweep/sweep-task';

/**
 * Restores what Redis or a killed worker lost: deliveries left `sending` past their lease go back
 * to pending, and every pending delivery that is due gets its job again (same deterministic id, so
 * a job still waiting or running is not doubled).
 */
@Injectable()
export class HookDeliveriesSweep extends SweepTask {
  readonly name = 'hook-deliveries';

  constructor(private readonly deliveries: DeliveriesForSweep) {
    super();
  }

  async run(now: Date): Promise<void> {
    await this.deliveries.restore(now);
  }
}
