import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, isDomainError } from '@loyalty/kernel';
import type { PricingPromotion } from '@loyalty/loyalty-engine';
import type { Promotion } from '../entities/promotion.entity';
import { PromotionInput, resolvePromotionSettings } from '../configuration/domain/promotion-settings';
import { promotionFields } from '../configuration/views/promotion-view';
import type { ProgramConfig } from '../read-model/program-config';
import { checkCheckoutCondition } from './domain/checkout-condition';

/**
 * Draft checkout promotions for `promotions/simulate`, checked exactly as `promotions/create`
 * would check them (errors at `promotions[i].<path>`) and compiled for the engine, without saving
 * anything. Drafts get negative ids (-1, -2, ...) and no use counted yet.
 */
export async function compileDraftPromotions(
  em: EntityManager,
  config: ProgramConfig,
  drafts: readonly PromotionInput[],
): Promise<PricingPromotion[]> {
  const checkout = config.checkout;
  const context = {
    timezone: config.program.timezone,
    currencies: new Map(config.currencies.map((currency) => [currency.externalId, currency])),
    minorDigits: checkout.minorDigits,
  };
  const compiled: PricingPromotion[] = [];
  for (const [index, draft] of drafts.entries()) {
    try {
      const settings = resolvePromotionSettings(draft, null, context);
      if (settings.type === 'trigger') {
        throw DomainError.invalid('type', 'only discount and points promotions take part in a checkout');
      }
      if (settings.conditions !== null) await checkCheckoutCondition(em, settings.conditions);
      const promotion = {
        id: -(index + 1),
        account: config.program.account,
        program: config.program.id,
        ...promotionFields(settings, checkout.minorDigits),
        usesCount: 0,
        budgetUsed: 0n,
      } as Promotion;
      compiled.push(checkout.compilePromotion(promotion).pricing);
    } catch (error) {
      throw isDomainError(error) ? error.atPath(`promotions[${index}]`) : error;
    }
  }
  return compiled;
}
