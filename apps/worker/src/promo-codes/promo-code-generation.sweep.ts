import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { PROMO_CODE_GENERATION_TASK, PROMO_CODE_TASK_STALE_MS, promoCodeTaskJobId } from '@loyalty/loyalty';
import { JobQueues, TaskProgress } from '@loyalty/platform';
import { SweepTask } from '../sweep/sweep-task';

/**
 * Restores what Redis or a dead worker lost: a generation task whose worker stopped beating is
 * queued again (its codes rolled back with its transaction), and every generation task still
 * queued after the grace period gets its job (same deterministic id, so a waiting job is not doubled).
 */
@Injectable()
export class PromoCodeGenerationSweep extends SweepTask {
  readonly name = 'promo-code-generation';

  constructor(
    private readonly orm: MikroORM,
    private readonly queues: JobQueues,
  ) {
    super();
  }

  async run(now: Date): Promise<void> {
    const em = this.orm.em.fork();
    const lost = await TaskProgress.needingJobs(em, PROMO_CODE_GENERATION_TASK, now, PROMO_CODE_TASK_STALE_MS);
    for (const taskId of lost) {
      await this.queues.requeue('imports.promocodes.generate', { task_id: taskId }, promoCodeTaskJobId(taskId));
    }
  }
}
