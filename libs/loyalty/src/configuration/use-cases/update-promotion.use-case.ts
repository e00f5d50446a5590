import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { CLOCK, recordAudit } from '@loyalty/platform';
import { findPromotion, requireProgram } from '../../repositories/program-lookup';
import { resolvePromotionSettings } from '../domain/promotion-settings';
import {
  ensurePromotionExternalIdFree,
  requirePromoCodeProgramReference,
  ruleCurrencies,
} from '../repositories/configuration-lookup';
import { promotionFields, promotionSettings, promotionView, PromotionView } from '../views/promotion-view';
import type { CreatePromotionInput } from './create-promotion.use-case';
import { checkCheckoutPromotion } from './promotion-kinds';
import { programMinorDigits } from '../../domain/program-money';
import { isSameDocument } from './same-document';

/**
 * `loyalty/promotions/update`: a partial patch; `limits` and each rules list are replaced as a
 * whole when given, and null clears them. `type` is fixed at creation. Counters (`uses_count`,
 * `budget_used`) are never touched here.
 */
@Injectable()
export class UpdatePromotion {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(programId: number, reference: number | string, input: CreatePromotionInput): Promise<PromotionView> {
    return this.em.transactional(async (em) => {
      const program = await requireProgram(em, programId);
      const promotion = await findPromotion(em, program.id, reference, 'own');
      const minorDigits = programMinorDigits(program);
      const current = promotionSettings(promotion, minorDigits);
      const currencies = await ruleCurrencies(em, program.id);
      const settings = resolvePromotionSettings(input, current, {
        timezone: program.timezone,
        currencies,
        minorDigits,
      });
      if (isSameDocument(current, settings)) return promotionView(promotion, minorDigits);
      await checkCheckoutPromotion(em, program, settings);
      if (settings.promo_code_program_id !== current.promo_code_program_id) {
        await requirePromoCodeProgramReference(em, settings.promo_code_program_id);
      }
      if (settings.external_id !== current.external_id) {
        await ensurePromotionExternalIdFree(em, program.id, settings.external_id, promotion.id);
      }
      const before = promotionView(promotion, minorDigits);
      Object.assign(promotion, promotionFields(settings, minorDigits), { updatedAt: this.clock.now() });
      await em.flush();
      const after = promotionView(promotion, minorDigits);
      recordAudit(em, this.clock, { entityType: 'promotion', entityId: promotion.id, action: 'update', before, after });
      return after;
    });
  }
}
