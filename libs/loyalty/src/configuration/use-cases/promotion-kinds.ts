import { DomainError } from '@loyalty/kernel';
import type { PromotionType } from '../../entities/promotion.entity';

/** The blocks of the checkout kinds (`discount`, `points`), which a trigger promotion does not take. */
export interface CheckoutBlocks {
  discount?: Record<string, unknown> | null;
  accrual?: Record<string, unknown> | null;
  redemption?: Record<string, unknown> | null;
}

/**
 * Checkout promotions (`discount`, `points`) need the market catalog, which this deployment has no
 * data for yet: error 17 until the checkout work replaces this. Trigger promotions must not carry
 * the checkout blocks.
 */
export function requireTriggerKind(type: PromotionType | null | undefined, blocks: CheckoutBlocks): void {
  if (type === 'discount' || type === 'points') {
    throw new DomainError(
      'MARKET_REQUIRED',
      'checkout promotions need the market catalog, which this deployment has no data for yet',
    );
  }
  if (blocks.discount != null) throw DomainError.invalid('discount', 'only discount promotions have a discount');
  if (blocks.accrual != null) throw DomainError.invalid('accrual', 'only points promotions have an accrual block');
  if (blocks.redemption != null) {
    throw DomainError.invalid('redemption', 'only points promotions have a redemption block');
  }
}
