import { randomInt } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { CLOCK, ClaimedTask, runClaimedTask, TaskProgress } from '@loyalty/platform';
import { parseCodePattern } from '../domain/code-pattern';
import { generateCodes } from '../repositories/code-generator';
import { lockProgramCodes, requirePromoCodeProgram } from '../repositories/promo-code-lookup';

/** The task kind of a large `promocodes/generate`, and the deterministic id of its job (no `:`). */
export const PROMO_CODE_GENERATION_TASK = 'promocodes.generate';
export const promoCodeTaskJobId = (taskId: number) => `promocodes-generate-${taskId}`;

/** The sweep queues again a running task silent for this long. */
export const PROMO_CODE_TASK_STALE_MS = 120_000;
/** A task waits this long for a generation or import of the same program to finish. */
const TASK_LOCK_WAIT_MS = 15 * 60_000;

/**
 * Runs a queued generation task on the worker: every code in ONE transaction under the program's
 * code lock (a task that fails, or whose worker dies, makes nothing), with progress written on
 * another connection so `tasks/get` sees it. A task already taken (a duplicate job) is left alone.
 * The result is `{created}`; a failure is stored on the task as its error.
 */
@Injectable()
export class RunPromoCodeGeneration {
  private readonly logger = new Logger(RunPromoCodeGeneration.name);

  constructor(
    private readonly orm: MikroORM,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(taskId: number): Promise<'done' | 'failed' | 'skipped'> {
    const em = this.orm.em.fork();
    const run = {
      taskId,
      label: 'promo-code task',
      unexpectedFailure: 'The generation failed unexpectedly; no code was made',
    };
    return runClaimedTask(em, this.clock, this.logger, run, async (claimed) => ({
      created: await this.generate(em, taskId, claimed),
    }));
  }

  private generate(em: EntityManager, taskId: number, claimed: ClaimedTask): Promise<number> {
    const count = claimed.input['count'] as number;
    const pattern = parseCodePattern(claimed.input['pattern'] as string);
    return em.transactional(async (tx) => {
      await tx.execute(`set local lock_timeout = ${TASK_LOCK_WAIT_MS}`);
      const program = await requirePromoCodeProgram(tx, claimed.input['loyalty_id'] as number);
      await lockProgramCodes(tx, program.id);
      const target = { accountId: claimed.accountId, programId: program.id, now: this.clock.now() };
      const report = (created: number) =>
        TaskProgress.progress(em, taskId, Math.min(99, Math.floor((created * 100) / count)), this.clock.now());
      return (await generateCodes(tx, target, pattern, count, randomInt, report)).length;
    });
  }
}
