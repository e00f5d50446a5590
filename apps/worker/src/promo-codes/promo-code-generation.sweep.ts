import { Injectable } from '@nestjs/common';
import { PROMO_CODE_GENERATION_TASK, PROMO_CODE_TASK_STALE_MS, promoCodeTaskJobId } from '@loyalty/loyalty';
import { LostTasksSweep } from '../sweep/lost-tasks.sweep';

/** Promo-code generation tasks that lost their job (a dead worker's codes rolled back with its transaction). */
@Injectable()
export class PromoCodeGenerationSweep extends LostTasksSweep {
  readonly name = 'promo-code-generation';
  protected readonly tasks = {
    kind: PROMO_CODE_GENERATION_TASK,
    job: 'imports.promocodes.generate',
    jobId: promoCodeTaskJobId,
    staleMs: PROMO_CODE_TASK_STALE_MS,
  } as const;
}
