import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { hasSalesChannel } from '@loyalty/market-catalog';
import type { LoyaltyProgram } from '../../entities/loyalty-program.entity';
import type { PromotionSettings } from '../domain/promotion-settings';
import { checkCheckoutCondition } from '../../checkout-config/domain/checkout-condition';

/**
 * Checkout promotions (`discount`, `points`) price carts, so their program needs catalog data: a
 * sales channel bound to its database (error 17 otherwise). Their condition tree is compiled
 * against the account's custom fields; a trigger promotion's tree is only checked for shape.
 */
export async function checkCheckoutPromotion(
  em: EntityManager,
  program: LoyaltyProgram,
  settings: PromotionSettings,
): Promise<void> {
  if (settings.type === 'trigger') return;
  if (!(await hasSalesChannel(em, program.database))) {
    throw new DomainError(
      'MARKET_REQUIRED',
      `Checkout promotions need catalog data: no sales channel is bound to database ${program.database}`,
    );
  }
  if (settings.conditions !== null) await checkCheckoutCondition(em, settings.conditions);
}
