import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { PROMO_CODE_GENERATION_TASK, PROMO_CODE_TASK_STALE_MS, promoCodeTaskJobId } from '@loyalty/loyalty';
import { JobQueues } from '@loyalty/platform';
import { requeueLostTasks } from '../sweep/requeue-lost-tasks';
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
    await requeueLostTasks(
      this.orm.em.fork(),
      this.queues,
      {
        kind: PROMO_CODE_GENERATION_TASK,
        job: 'imports.promocodes.generate',
        jobId: promoCodeTaskJobId,
        staleMs: PROMO_CODE_TASK_STALE_MS,
      },
      now,
    );
  }
}
