import { randomInt } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { AccountContext, CLOCK, JobQueues, recordAudit, Task } from '@loyalty/platform';
import { requireIntegerIn } from '../../configuration/domain/field-rules';
import { parseCodePattern } from '../domain/code-pattern';
import { ensureRoom, generateCodes } from '../repositories/code-generator';
import { lockProgramCodes, requirePromoCodeProgram } from '../repositories/promo-code-lookup';
import { PROMO_CODE_GENERATION_TASK, promoCodeTaskJobId } from './run-promo-code-generation.use-case';

/** Codes one call makes (or imports) at once; a larger `generate` becomes a worker task. */
export const MAX_CODES_PER_CALL = 10_000;
/** The most codes one `generate` task makes. */
export const MAX_CODES_PER_TASK = 1_000_000;

export interface GeneratePromoCodesInput {
  pattern: string;
  count: number;
}

/**
 * `promocodes/generate`: `count` new codes of `pattern` (`#` a digit, `X` a letter, anything else
 * itself) from an alphabet without look-alikes (no 0, 1, I, L, O), drawn with `node:crypto`, unique
 * in the program, all or nothing. Up to 10,000 are made at once (`{created}`); more, up to
 * 1,000,000, become a task the worker runs (`{task_id}`, followed with `tasks/get`). A count the
 * pattern cannot give the program is error 1 either way, before any task is recorded.
 */
@Injectable()
export class GeneratePromoCodes {
  private readonly logger = new Logger(GeneratePromoCodes.name);

  constructor(
    private readonly em: EntityManager,
    private readonly queues: JobQueues,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    programId: number,
    input: GeneratePromoCodesInput,
  ): Promise<{ created: number; taskId: null } | { created: null; taskId: number }> {
    const pattern = parseCodePattern(input.pattern);
    const count = requireIntegerIn(input.count, 1, MAX_CODES_PER_TASK, 'count');
    if (count > MAX_CODES_PER_CALL)
      return { created: null, taskId: await this.startTask(programId, pattern.text, count) };
    return this.em.transactional(async (em) => {
      const program = await requirePromoCodeProgram(em, programId);
      await lockProgramCodes(em, program.id);
      const target = { accountId: AccountContext.accountId(), programId: program.id, now: this.clock.now() };
      const created = await generateCodes(em, target, pattern, count, randomInt);
      recordAudit(em, this.clock, {
        entityType: 'promo_code_program',
        entityId: program.id,
        action: 'generate_codes',
        after: { pattern: pattern.text, count, created: created.length },
      });
      return { created: created.length, taskId: null };
    });
  }

  /**
   * Records the task and queues its job. The room is checked now (the task checks it again under
   * the program's lock); a job lost with Redis is queued again by the worker's sweep.
   */
  private async startTask(programId: number, pattern: string, count: number): Promise<number> {
    const task = await this.em.transactional(async (em) => {
      const program = await requirePromoCodeProgram(em, programId);
      await ensureRoom(em, program.id, parseCodePattern(pattern), count);
      const task = em.create(Task, {
        account: AccountContext.accountId(),
        kind: PROMO_CODE_GENERATION_TASK,
        status: 'queued',
        progress: 0,
        input: { loyalty_id: program.id, pattern, count },
        result: null,
        errors: [],
        createdAt: this.clock.now(),
      });
      await em.flush();
      recordAudit(em, this.clock, {
        entityType: 'promo_code_program',
        entityId: program.id,
        action: 'generate_codes',
        after: { pattern, count, task_id: task.id },
      });
      return task;
    });
    try {
      await this.queues.enqueue(
        'imports.promocodes.generate',
        { task_id: task.id },
        { jobId: promoCodeTaskJobId(task.id) },
      );
    } catch (error) {
      this.logger.warn(
        `promo-code task ${task.id} recorded but not queued (the sweep will queue it): ${(error as Error).message}`,
      );
    }
    return task.id;
  }
}
