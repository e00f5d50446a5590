import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { AccountContext, CLOCK, recordAudit } from '@loyalty/platform';
import { requireIntegerIn } from '../../configuration/domain/field-rules';
import { parseCodePattern } from '../domain/code-pattern';
import { generateCodes } from '../repositories/code-generator';
import { lockProgramCodes, requirePromoCodeProgram } from '../repositories/promo-code-lookup';

/** Codes one call makes or imports. Larger batches would be a worker task; until then, call again. */
export const MAX_CODES_PER_CALL = 10_000;

export interface GeneratePromoCodesInput {
  pattern: string;
  count: number;
}

/**
 * `promocodes/generate`: `count` new codes of `pattern` (`#` a digit, `X` a letter, anything else
 * itself) from an alphabet without look-alikes (no 0, 1, I, L, O), drawn with `node:crypto`, unique
 * in the program, all or nothing. Counts above 10,000 are error 1 (no background task yet, so
 * `task_id` is always null).
 */
@Injectable()
export class GeneratePromoCodes {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(programId: number, input: GeneratePromoCodesInput): Promise<{ created: number; taskId: null }> {
    const pattern = parseCodePattern(input.pattern);
    const count = requireIntegerIn(input.count, 1, MAX_CODES_PER_CALL, 'count');
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
}
