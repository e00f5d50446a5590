import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError } from '@loyalty/kernel';
import { Account, AccountContext, CLOCK, recordAudit } from '@loyalty/platform';
import { PromoCodeProgram } from '../../entities/promo-code-program.entity';
import { PromoCodeProgramInput, resolvePromoCodeProgramSettings } from '../domain/promo-code-program-settings';
import { promoCodeProgramView } from '../views/promo-code-program-view';

/**
 * `promocodes/programs/create`: a program of personal or universal codes. Dates alone are read in
 * the account's time zone. `short_name` is unique in the account (error 5; a concurrent create of
 * the same name loses on the unique key, which is error 5 too).
 */
@Injectable()
export class CreatePromoCodeProgram {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: PromoCodeProgramInput): Promise<{ programId: number }> {
    const accountId = AccountContext.accountId();
    return this.em.transactional(async (em) => {
      const account = await em.findOneOrFail(Account, { id: accountId });
      const settings = resolvePromoCodeProgramSettings(input, account.timezone);
      const taken = await em.findOne(PromoCodeProgram, { shortName: settings.shortName });
      if (taken) {
        throw DomainError.conflict(
          'short_name',
          `promo code program ${taken.id} already has short_name "${settings.shortName}"`,
        );
      }
      const now = this.clock.now();
      const program = em.create(PromoCodeProgram, { account: accountId, ...settings, createdAt: now, updatedAt: now });
      await em.flush();
      recordAudit(em, this.clock, {
        entityType: 'promo_code_program',
        entityId: program.id,
        action: 'create',
        after: promoCodeProgramView(program),
      });
      return { programId: program.id };
    });
  }
}
