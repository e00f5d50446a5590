import { Money } from '@loyalty/kernel';
import { amountOfEffect, DiscountKindDefinition } from '../discount-kind';
import { moneyValue } from './money-value';

/** `fixed`: an amount off the order (split over its lines), off each matching line, or off the delivery. */
export const fixedDiscount: DiscountKindDefinition = {
  code: 'fixed',
  parseValue: (text, minorDigits, path) => moneyValue(text, minorDigits, path, false),
  formatValue: (effect, minorDigits) => Money.format(amountOfEffect(effect), minorDigits),
  demand(effect, slots, target) {
    const amount = amountOfEffect(effect);
    return target === 'order' ? { split: amount } : { each: slots.map(() => amount) };
  },
};
