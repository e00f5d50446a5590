import { bigintMax, Money } from '@loyalty/kernel';
import { amountOfEffect, DiscountKindDefinition } from '../discount-kind';
import { moneyValue } from './money-value';

/**
 * `fixed_price`: every unit costs `amount`, so the discount is what the running amount has above
 * `amount × count` (the delivery counts as one unit); a line already cheaper gets nothing.
 */
export const fixedPriceDiscount: DiscountKindDefinition = {
  code: 'fixed_price',
  parseValue: (text, minorDigits, path) => moneyValue(text, minorDigits, path, true),
  formatValue: (effect, minorDigits) => Money.format(amountOfEffect(effect), minorDigits),
  demand(effect, slots) {
    const price = amountOfEffect(effect);
    return { each: slots.map((slot) => bigintMax(slot.running - price * BigInt(slot.count), 0n)) };
  },
};
