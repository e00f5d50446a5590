import { Injectable } from '@nestjs/common';
import { RunsForSweep } from '@loyalty/scenario-node';
import { SweepTask } from '../sweep/sweep-task';

/** Queues again the steps of runs whose job Redis or a killed worker lost, and the wake-ups of waits due soon. */
@Injectable()
export class ScenarioRunsSweep extends SweepTask {
  readonly name = 'scenario-runs';

  constructor(private readonly runs: RunsForSweep) {
    super();
  }

  async run(now: Date): Promise<void> {
    await this.runs.restore(now);
  }
}
