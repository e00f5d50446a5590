import { Inject, Injectable } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import type { Logger } from 'pino';
import { Clock } from '@loyalty/kernel';
import { CLOCK, JobQueues } from '@loyalty/platform';

/** A run step to wake: now, or at `at` (the end of a wait). */
export interface StepWake {
  runId: number;
  step: number;
  at?: Date | null;
}

/** Attempts of a step before its run fails; an attempt that throws is retried after 1, 2, 4, 8 s. */
export const STEP_ATTEMPTS = 5;

const STEP_JOB_OPTIONS: JobsOptions = { attempts: STEP_ATTEMPTS, backoff: { type: 'exponential', delay: 1_000 } };

/** The BullMQ id of the job that executes step `step` of run `runId` (no `:` in ids). */
export function stepJobId(runId: number, step: number): string {
  return `scenario-run-${runId}-${step}`;
}

/**
 * The alarm clock of runs: one job per (run, step) with a deterministic id. The run row is the
 * truth; a job lost with Redis, or not queued because the process died after the commit, is made
 * good by the sweep.
 */
@Injectable()
export class RunScheduler {
  constructor(
    private readonly queues: JobQueues,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Queues the steps' jobs; never throws (the sweep repairs what could not be queued). */
  async wake(steps: StepWake[], logger: Logger): Promise<void> {
    try {
      await this.queues.enqueueMany(
        'scenarios.run.step',
        steps.map((wake) => ({
          payload: { run_id: wake.runId, step: wake.step },
          options: { ...STEP_JOB_OPTIONS, jobId: stepJobId(wake.runId, wake.step), delay: this.delayUntil(wake.at) },
        })),
      );
    } catch (error) {
      logger.warn(
        { err: error, runs: steps.map((wake) => wake.runId) },
        'run steps recorded but not queued (the sweep will)',
      );
    }
  }

  /** Queues a step's job again unless it is still waiting, delayed or running (for the sweep). */
  async rewake(wake: StepWake): Promise<void> {
    await this.queues.requeue(
      'scenarios.run.step',
      { run_id: wake.runId, step: wake.step },
      stepJobId(wake.runId, wake.step),
      {
        ...STEP_JOB_OPTIONS,
        delay: this.delayUntil(wake.at),
      },
    );
  }

  private delayUntil(at: Date | null | undefined): number {
    return at ? Math.max(0, at.getTime() - this.clock.now().getTime()) : 0;
  }
}
