import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError } from '@loyalty/kernel';
import { CLOCK } from '@loyalty/platform';
import { MatchingInput, parseMatching } from '@loyalty/profiles';
import { sameHolder } from '../domain/code-state';
import { requireCodeHolder } from '../repositories/code-holder';
import { requirePromoCode } from '../repositories/promo-code-lookup';
import { codeFacts } from '../views/promo-code-view';

export interface DetachPromoCodeInput {
  programId: number;
  dbId: number;
  code: string;
  person: MatchingInput;
}

/**
 * `promocodes/detach`: frees a personal code attached to the profile. A code that is not attached
 * to this profile is error 16, and so is a code already used: a used code stays with its holder.
 */
@Injectable()
export class DetachPromoCode {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: DetachPromoCodeInput): Promise<{ code: string }> {
    const match = parseMatching(input.person);
    return this.em.transactional(async (em) => {
      const { program, code } = await requirePromoCode(em, input.programId, input.code, true);
      const holder = await requireCodeHolder(em, { dbId: input.dbId, match });
      const details = { code: code.code };
      if (!sameHolder(codeFacts(code, program).attachedTo, holder)) {
        throw new DomainError('PROMO_CODE_INVALID', 'The promo code is not attached to this profile', details);
      }
      if (code.usesCount > 0) {
        throw new DomainError('PROMO_CODE_INVALID', 'The promo code is already activated and stays attached', details);
      }
      Object.assign(code, { database: null, profile: null, attachedAt: null, updatedAt: this.clock.now() });
      await em.flush();
      return { code: code.code };
    });
  }
}
