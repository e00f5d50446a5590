import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { JobPayloads } from '@loyalty/contracts';
import { LOGGER } from '@loyalty/platform';
import { AdvanceRun, STEP_ATTEMPTS } from '@loyalty/scenario-node';
import { HandlesJob, JobHandler } from '../jobs/job-handler';

/**
 * Executes one step of a run. A step that throws is retried by BullMQ (5 attempts, 1 s × 2ⁿ);
 * after the last attempt the run fails with a `scenario.node_failed` event.
 */
@Injectable()
@HandlesJob('scenarios.run.step')
export class RunStepHandler implements JobHandler<'scenarios.run.step'> {
  constructor(
    private readonly advance: AdvanceRun,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async handle(payload: JobPayloads['scenarios.run.step'], context: { attempt: number }): Promise<void> {
    try {
      await this.advance.execute(payload.run_id, payload.step);
    } catch (error) {
      if (context.attempt >= STEP_ATTEMPTS) {
        const failed = await this.advance.fail(payload.run_id, payload.step, error);
        if (failed) this.logger.warn({ err: error, run: payload.run_id, step: payload.step }, 'scenario run failed');
        return;
      }
      throw error;
    }
  }
}
