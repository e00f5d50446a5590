import { DomainError, MinorDigits } from '@loyalty/kernel';
import {
  accrualEffectView,
  discountEffectView,
  parseAccrualEffect,
  parseDiscountEffect,
  parseRedemptionOverride,
  redemptionOverrideView,
} from '@loyalty/loyalty-engine';
import type { PromotionType } from '../../entities/promotion.entity';
import { patched } from './field-rules';
import type { RuleCurrency } from './trigger-rules';

/** The effect blocks of the checkout kinds, as the API writes them (normalised; null when absent). */
export interface CheckoutEffects {
  discount: Record<string, unknown> | null;
  accrual: Record<string, unknown> | null;
  redemption: Record<string, unknown> | null;
}

export interface CheckoutEffectsInput {
  discount?: unknown;
  accrual?: unknown;
  redemption?: unknown;
}

export const NO_EFFECTS: CheckoutEffects = { discount: null, accrual: null, redemption: null };

/**
 * A promotion's effect blocks after a create or an update, checked by the engine's parsers:
 * a discount promotion has exactly a `discount`; a points promotion an `accrual`, a `redemption`
 * override or both (never in a qualification currency for redemption); a trigger promotion none.
 */
export function resolveCheckoutEffects(
  type: PromotionType,
  input: CheckoutEffectsInput,
  current: CheckoutEffects | undefined,
  context: { minorDigits: MinorDigits; currencies: ReadonlyMap<string, RuleCurrency> },
): CheckoutEffects {
  refuseBlocksOfOtherKinds(type, input);
  const block = <T>(key: keyof CheckoutEffects, parse: (raw: unknown) => T, view: (parsed: T) => object) =>
    patched(input[key], current?.[key] ?? undefined, key, {
      parse: (raw) => view(parse(raw)) as Record<string, unknown>,
      fallback: () => null,
    });
  const effects: CheckoutEffects = {
    discount: block(
      'discount',
      (raw) => parseDiscountEffect(raw, context.minorDigits, 'discount'),
      (effect) => discountEffectView(effect, context.minorDigits),
    ),
    accrual: block(
      'accrual',
      (raw) => parseAccrualEffect(raw, context.minorDigits, new Set(context.currencies.keys()), 'accrual'),
      (effect) => accrualEffectView(effect, context.minorDigits),
    ),
    redemption: block('redemption', (raw) => parseRedemptionOverride(raw, 'redemption'), redemptionOverrideView),
  };
  requireBlocksOfType(type, effects);
  return effects;
}

const BLOCK_KIND: Record<keyof CheckoutEffects, PromotionType> = {
  discount: 'discount',
  accrual: 'points',
  redemption: 'points',
};

function refuseBlocksOfOtherKinds(type: PromotionType, input: CheckoutEffectsInput): void {
  for (const [key, kind] of Object.entries(BLOCK_KIND) as [keyof CheckoutEffects, PromotionType][]) {
    if (kind !== type && input[key] != null)
      throw DomainError.invalid(key, `only ${kind} promotions have a ${key} block`);
  }
}

function requireBlocksOfType(type: PromotionType, effects: CheckoutEffects): void {
  if (type === 'discount' && effects.discount === null) throw DomainError.invalid('discount', 'is required');
  if (type === 'points' && effects.accrual === null && effects.redemption === null) {
    throw DomainError.invalid('accrual', 'a points promotion needs an accrual or a redemption block');
  }
}
