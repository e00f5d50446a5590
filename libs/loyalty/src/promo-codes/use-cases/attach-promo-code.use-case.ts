import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError } from '@loyalty/kernel';
import { CLOCK } from '@loyalty/platform';
import { MatchingInput, parseMatching } from '@loyalty/profiles';
import type { PromoCodeProgram } from '../../entities/promo-code-program.entity';
import { CodeHolder, isExpired, sameHolder } from '../domain/code-state';
import { requireCodeHolder } from '../repositories/code-holder';
import { requirePromoCode, requirePromoCodeProgram } from '../repositories/promo-code-lookup';
import { codeFacts } from '../views/promo-code-view';

export interface AttachPromoCodeInput {
  programId: number;
  dbId: number;
  /** Absent or null: any free code of the program. */
  code?: string | null;
  person: MatchingInput;
}

/**
 * `promocodes/attach`: gives a personal code to a profile. A named code must be free (attached to
 * nobody, never used, not expired); attaching it again to its holder is a no-op, to someone else
 * error 16. Without a code the lowest free one is taken (`SKIP LOCKED`, so concurrent calls get
 * different codes); none left is error 11. Universal codes are never attached (error 16).
 */
@Injectable()
export class AttachPromoCode {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: AttachPromoCodeInput): Promise<{ code: string }> {
    const match = parseMatching(input.person);
    return this.em.transactional(async (em) => {
      const named = input.code != null ? await requirePromoCode(em, input.programId, input.code, true) : null;
      const program = named?.program ?? (await requirePromoCodeProgram(em, input.programId));
      const holder = await requireCodeHolder(em, { dbId: input.dbId, match });
      requirePersonal(program);
      const now = this.clock.now();
      if (named === null) return { code: await attachFreeCode(em, program, holder, now) };

      const { code } = named;
      const facts = codeFacts(code, program);
      if (sameHolder(facts.attachedTo, holder)) return { code: code.code };
      const refusal = (text: string) => new DomainError('PROMO_CODE_INVALID', text, { code: code.code });
      if (facts.attachedTo !== null) throw refusal('The promo code is attached to another profile');
      if (code.usesCount > 0) throw refusal('The promo code is already activated');
      if (isExpired(facts, now)) throw refusal('The promo code has expired');
      Object.assign(code, {
        database: holder.databaseId,
        profile: holder.profileId,
        attachedAt: now,
        updatedAt: now,
      });
      await em.flush();
      return { code: code.code };
    });
  }
}

function requirePersonal(program: PromoCodeProgram): void {
  if (program.kind !== 'personal') {
    throw new DomainError('PROMO_CODE_INVALID', 'Codes of a universal program are used without being attached', {
      loyalty_id: program.id,
    });
  }
}

async function attachFreeCode(
  em: EntityManager,
  program: PromoCodeProgram,
  holder: CodeHolder,
  now: Date,
): Promise<string> {
  if (isExpired({ validTo: program.validTo, expireDate: null }, now)) {
    throw new DomainError('PROMO_CODE_INVALID', 'The promo code program has ended', { loyalty_id: program.id });
  }
  const rows: { code: string }[] = await em.execute(
    `update promo_codes set database_id = ?, profile_id = ?, attached_at = ?, updated_at = ?
      where id = (select id from promo_codes
                   where program_id = ? and profile_id is null and uses_count = 0
                     and (expire_date is null or expire_date >= ?)
                   order by id limit 1 for update skip locked)
     returning code`,
    [holder.databaseId, holder.profileId, now, now, program.id, now],
  );
  if (rows.length === 0) {
    throw new DomainError('LIMIT_REACHED', 'The program has no free promo code left', { loyalty_id: program.id });
  }
  return rows[0].code;
}
