import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError, FieldIssue } from '@loyalty/kernel';
import { AccountContext, CLOCK, recordAudit } from '@loyalty/platform';
import { lockProgramCodes, requirePromoCodeProgram, takenCodes, insertCodes } from '../repositories/promo-code-lookup';
import { MAX_CODES_PER_CALL } from './generate-promo-codes.use-case';

const MAX_REPORTED_DUPLICATES = 100;
/** Codes are 1–255 printable ASCII characters without spaces (spec api.md §1 "Limits"). */
const CODE_TEXT = /^[\x21-\x7E]{1,255}$/;

/**
 * `promocodes/import`: up to 10,000 codes into a program, all or nothing. A code the program has
 * already, or one sent twice, is error 5 naming each such code (`codes[i]`, up to 100 of them).
 */
@Injectable()
export class ImportPromoCodes {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(programId: number, codes: string[]): Promise<{ created: number }> {
    if (codes.length === 0 || codes.length > MAX_CODES_PER_CALL) {
      throw DomainError.invalid('codes', `must hold 1 to ${MAX_CODES_PER_CALL} codes`);
    }
    const malformed = codes.findIndex((code) => !CODE_TEXT.test(code));
    if (malformed >= 0) {
      throw DomainError.invalid(`codes[${malformed}]`, 'must be 1-255 printable ASCII characters without spaces');
    }
    return this.em.transactional(async (em) => {
      const program = await requirePromoCodeProgram(em, programId);
      await lockProgramCodes(em, program.id);
      const taken = await takenCodes(em, program.id, codes);
      const seen = new Set<string>();
      const issues: FieldIssue[] = [];
      const duplicates = new Set<string>();
      codes.forEach((code, index) => {
        if (taken.has(code) || seen.has(code)) {
          const message = taken.has(code) ? `the program already has "${code}"` : `"${code}" is sent twice`;
          issues.push({ path: `codes[${index}]`, message });
          duplicates.add(code);
        }
        seen.add(code);
      });
      if (issues.length > 0) {
        const named = issues.slice(0, 3).map((issue) => issue.path);
        throw new DomainError(
          'CONFLICT',
          `${issues.length} of the codes are taken or repeated: ${named.join(', ')}${issues.length > 3 ? ', ...' : ''}`,
          {
            fields: issues.slice(0, MAX_REPORTED_DUPLICATES),
            duplicates: [...duplicates].slice(0, MAX_REPORTED_DUPLICATES),
          },
        );
      }
      const now = this.clock.now();
      const created = await insertCodes(
        em,
        { accountId: AccountContext.accountId(), programId: program.id, now },
        codes,
      );
      recordAudit(em, this.clock, {
        entityType: 'promo_code_program',
        entityId: program.id,
        action: 'import_codes',
        after: { count: codes.length, created: created.length },
      });
      return { created: created.length };
    });
  }
}
