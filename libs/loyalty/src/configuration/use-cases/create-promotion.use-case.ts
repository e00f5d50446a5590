import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { AccountContext, CLOCK, recordAudit } from '@loyalty/platform';
import { Promotion } from '../../entities/promotion.entity';
import { requireProgram } from '../../repositories/program-lookup';
import { PromotionInput, resolvePromotionSettings } from '../domain/promotion-settings';
import {
  ensurePromotionExternalIdFree,
  requirePromoCodeProgramReference,
  ruleCurrencies,
} from '../repositories/configuration-lookup';
import { promotionFields, promotionView } from '../views/promotion-view';
import { checkCheckoutPromotion } from './promotion-kinds';
import { programMinorDigits } from '../../domain/program-money';

export type CreatePromotionInput = PromotionInput;

/**
 * `loyalty/promotions/create`: a trigger promotion (points for actions through the points API and
 * scenarios) or a checkout promotion (`discount`, `points`), which needs catalog data (error 17).
 */
@Injectable()
export class CreatePromotion {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(programId: number, input: CreatePromotionInput): Promise<{ id: number; externalId: string }> {
    return this.em.transactional(async (em) => {
      const program = await requireProgram(em, programId);
      const currencies = await ruleCurrencies(em, program.id);
      const minorDigits = programMinorDigits(program);
      const settings = resolvePromotionSettings(input, null, { timezone: program.timezone, currencies, minorDigits });
      await checkCheckoutPromotion(em, program, settings);
      await requirePromoCodeProgramReference(em, settings.promo_code_program_id);
      await ensurePromotionExternalIdFree(em, program.id, settings.external_id);
      const now = this.clock.now();
      const promotion = em.create(Promotion, {
        account: AccountContext.accountId(),
        program: program.id,
        ...promotionFields(settings, minorDigits),
        usesCount: 0,
        budgetUsed: 0n,
        createdAt: now,
        updatedAt: now,
      });
      await em.flush();
      recordAudit(em, this.clock, {
        entityType: 'promotion',
        entityId: promotion.id,
        action: 'create',
        after: promotionView(promotion, minorDigits),
      });
      return { id: promotion.id, externalId: promotion.externalId };
    });
  }
}
