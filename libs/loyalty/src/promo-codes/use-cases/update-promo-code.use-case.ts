import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError, parseInstantOrDate } from '@loyalty/kernel';
import { Account, AccountContext, CLOCK, recordAudit } from '@loyalty/platform';
import { requirePromoCode } from '../repositories/promo-code-lookup';
import { promoCodeView, PromoCodeView } from '../views/promo-code-view';

export interface UpdatePromoCodeInput {
  programId: number;
  code: string;
  /** true marks the code used (once); false makes it unused again (every use forgotten). */
  activated?: boolean;
  /** A date alone is the end of that day in the account's zone; null removes the code's own expiry. */
  expire_date?: string | null;
}

/**
 * `promocodes/update`: an operator's correction of a code: its expire date, or whether it is
 * activated. It is not a use: it ignores attachment and windows and writes no
 * `promocode.activated` event. At least one field is required (error 1); a patch that changes
 * nothing writes nothing; a change is audited.
 */
@Injectable()
export class UpdatePromoCode {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: UpdatePromoCodeInput): Promise<PromoCodeView> {
    if (input.activated === undefined && input.expire_date === undefined) {
      throw DomainError.invalid('activated', 'activated or expire_date is required');
    }
    return this.em.transactional(async (em) => {
      const account = await em.findOneOrFail(Account, { id: AccountContext.accountId() });
      const expireDate =
        typeof input.expire_date === 'string'
          ? parseInstantOrDate(input.expire_date, account.timezone, 'end', 'expire_date')
          : input.expire_date;
      const { program, code } = await requirePromoCode(em, input.programId, input.code, true);
      const now = this.clock.now();
      const before = promoCodeView(code, program, now);
      if (expireDate !== undefined) code.expireDate = expireDate;
      if (input.activated === true && code.usesCount === 0) Object.assign(code, { usesCount: 1, activatedAt: now });
      if (input.activated === false && code.usesCount > 0) Object.assign(code, { usesCount: 0, activatedAt: null });
      const after = promoCodeView(code, program, now);
      if (JSON.stringify(after) === JSON.stringify(before)) return before;
      code.updatedAt = now;
      await em.flush();
      recordAudit(em, this.clock, { entityType: 'promo_code', entityId: code.id, action: 'update', before, after });
      return after;
    });
  }
}
