import { randomInt } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Clock, DomainError } from '@loyalty/kernel';
import { AccountContext, CLOCK, TaskProgress } from '@loyalty/platform';
import { parseCodePattern } from '../domain/code-pattern';
import { generateCodes } from '../repositories/code-generator';
import { lockProgramCodes, requirePromoCodeProgram } from '../repositories/promo-code-lookup';

/** The task kind of a large `promocodes/generate`, and the deterministic id of its job (no `:`). */
export const PROMO_CODE_GENERATION_TASK = 'promocodes.generate';
export const promoCodeTaskJobId = (taskId: number) => `promocodes-generate-${taskId}`;

/** How often a running task says it is alive; the sweep queues again one silent for this long. */
const HEARTBEAT_MS = 15_000;
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

  async execute(taskId: number): Promise<'done' | 'failed' | 'skipped'> {
    const em = this.orm.em.fork();
    const claimed = await TaskProgress.claim(em, taskId, this.clock.now());
    if (!claimed) return 'skipped';
    const caller = { accountId: claimed.accountId, tokenId: null, role: 'admin' as const };
    const heartbeat = setInterval(() => {
      TaskProgress.heartbeat(em, taskId, this.clock.now()).catch((error: Error) =>
        this.logger.warn(`promo-code task ${taskId}: heartbeat not written: ${error.message}`),
      );
    }, HEARTBEAT_MS);
    try {
      const created = await AccountContext.run(caller, () => this.generate(em, taskId, claimed));
      await TaskProgress.finish(em, taskId, this.clock.now(), { status: 'done', result: { created } });
      return 'done';
    } catch (error) {
      const known = error instanceof DomainError;
      if (!known) this.logger.error(`promo-code task ${taskId} failed: ${(error as Error).stack}`);
      const failure = known
        ? { error_code: error.code, message: error.message, details: error.details }
        : { error_code: 'INTERNAL', message: 'The generation failed unexpectedly; no code was made' };
      await TaskProgress.finish(em, taskId, this.clock.now(), { status: 'failed', errors: [failure] });
      return 'failed';
    } finally {
      clearInterval(heartbeat);
    }
  }

  private generate(
    em: EntityManager,
    taskId: number,
    claimed: { accountId: number; input: Record<string, unknown> },
  ): Promise<number> {
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
