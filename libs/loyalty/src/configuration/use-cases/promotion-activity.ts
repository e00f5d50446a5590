import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { recordAudit } from '@loyalty/platform';
import { findPromotion, requireProgram } from '../../repositories/program-lookup';
import { programMinorDigits } from '../../domain/program-money';
import { promotionView } from '../views/promotion-view';

export interface PromotionActivity {
  id: number;
  externalId: string;
  isActive: boolean;
}

/** Turns a promotion on or off; asking for the state it already has is a successful no-op (no audit entry). */
export function setPromotionActive(
  em: EntityManager,
  clock: Clock,
  programId: number,
  reference: number | string,
  active: boolean,
): Promise<PromotionActivity> {
  return em.transactional(async (tx) => {
    const program = await requireProgram(tx, programId);
    const promotion = await findPromotion(tx, program.id, reference, 'own');
    if (promotion.isActive !== active) {
      const before = promotionView(promotion, programMinorDigits(program));
      promotion.isActive = active;
      promotion.updatedAt = clock.now();
      await tx.flush();
      recordAudit(tx, clock, {
        entityType: 'promotion',
        entityId: promotion.id,
        action: active ? 'activate' : 'deactivate',
        before,
        after: promotionView(promotion, programMinorDigits(program)),
      });
    }
    return { id: promotion.id, externalId: promotion.externalId, isActive: promotion.isActive };
  });
}
