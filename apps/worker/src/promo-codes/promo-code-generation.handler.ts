import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '@loyalty/contracts';
import { RunPromoCodeGeneration } from '@loyalty/loyalty';
import { HandlesJob, JobHandler } from '../jobs/job-handler';

/** Runs a queued promo-code generation task; a second job for the same task finds it taken and does nothing. */
@Injectable()
@HandlesJob('imports.promocodes.generate')
export class PromoCodeGenerationHandler implements JobHandler<'imports.promocodes.generate'> {
  constructor(private readonly runGeneration: RunPromoCodeGeneration) {}

  async handle(payload: JobPayloads['imports.promocodes.generate']): Promise<void> {
    await this.runGeneration.execute(payload.task_id);
  }
}
