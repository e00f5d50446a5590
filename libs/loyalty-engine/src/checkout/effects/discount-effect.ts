import { DomainError, MinorDigits, Money } from '@loyalty/kernel';
import { DiscountEffect, DiscountKind, DiscountTarget } from '../pricing-types';
import { DISCOUNT_KINDS } from './discount-registry';
import { isAbsent, readChoice, readDecimalText, readObject } from './raw-fields';

/** A discount promotion's `discount` block as the API sends and returns it. */
export type DiscountEffectView = {
  kind: DiscountKind;
  value: string;
  target: DiscountTarget;
  max_discount: string | null;
};

const TARGETS: readonly DiscountTarget[] = ['order', 'lines', 'delivery'];

/**
 * Checks a `discount` block when a promotion is saved (spec api.md §6): `value` is a decimal string
 * or number — a percent in (0, 100] for `percent`, a positive amount for `fixed` and
 * `fixed_per_item`, an amount ≥ 0 for `fixed_price`, in the program currency's minor digits;
 * `max_discount`, when given, a positive amount. Errors name the field (`discount.value`).
 */
export function parseDiscountEffect(raw: unknown, minorDigits: MinorDigits, path = 'discount'): DiscountEffect {
  const block = readObject(raw, path, ['kind', 'value', 'target', 'max_discount']);
  const kind = readChoice(block['kind'], DISCOUNT_KINDS.codes, `${path}.kind`);
  const target = readChoice(block['target'], TARGETS, `${path}.target`);
  const valuePath = `${path}.value`;
  const value = DISCOUNT_KINDS.get(kind).parseValue(readDecimalText(block['value'], valuePath), minorDigits, valuePath);
  return {
    kind,
    ...value,
    target,
    maxDiscount: readMaxDiscount(block['max_discount'], minorDigits, `${path}.max_discount`),
  };
}

function readMaxDiscount(raw: unknown, minorDigits: MinorDigits, path: string): bigint | null {
  if (isAbsent(raw)) {
    return null;
  }
  const amount = Money.parse(readDecimalText(raw, path), minorDigits, path);
  if (amount <= 0n) {
    throw DomainError.invalid(path, 'must be positive');
  }
  return amount;
}

/** The saved block in its API shape, so `promotions/get` answers what was sent (decimals as strings). */
export function discountEffectView(effect: DiscountEffect, minorDigits: MinorDigits): DiscountEffectView {
  return {
    kind: effect.kind,
    value: DISCOUNT_KINDS.get(effect.kind).formatValue(effect, minorDigits),
    target: effect.target,
    max_discount: effect.maxDiscount === null ? null : Money.format(effect.maxDiscount, minorDigits),
  };
}
