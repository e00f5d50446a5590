import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { AccountContext, CLOCK } from '@loyalty/platform';
import type { MatchingInput } from '@loyalty/profiles';
import { activatePromoCodes } from '../checkout/promo-code-checkout';
import { activationRefusal } from '../domain/code-state';
import { optionalPerson, requireCodeHolder } from '../repositories/code-holder';
import { requirePromoCode } from '../repositories/promo-code-lookup';
import { codeFacts, promoCodeView, PromoCodeView } from '../views/promo-code-view';

export interface ActivatePromoCodeInput {
  programId: number;
  code: string;
  /** The person using the code (`db_id` + `matching`), or null: a personal code's holder. */
  dbId?: number | null;
  person?: MatchingInput | null;
}

/**
 * `promocodes/activate`: uses a code once, as checkout does on commit. A personal code must be
 * attached (to the person, when one is named) and unused; a universal code unused, or a
 * multi-use one below its maximum (error 11 at it); every code inside its program's window and
 * before its expire date. Errors 16 otherwise. Answers the code as `promocodes/get` does.
 */
@Injectable()
export class ActivatePromoCode {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: ActivatePromoCodeInput): Promise<PromoCodeView> {
    const person = optionalPerson(input.dbId, input.person);
    return this.em.transactional(async (em) => {
      const { program, code } = await requirePromoCode(em, input.programId, input.code);
      const named = person ? await requireCodeHolder(em, person) : null;
      const facts = codeFacts(code, program);
      const user = named ?? (program.kind === 'personal' ? facts.attachedTo : null);
      const now = this.clock.now();
      const refusal = activationRefusal(facts, user, now);
      if (refusal) throw refusal;
      await activatePromoCodes(em, { accountId: AccountContext.accountId(), codeIds: [code.id], profile: user, now });
      await em.refresh(code);
      return promoCodeView(code, program, now);
    });
  }
}
