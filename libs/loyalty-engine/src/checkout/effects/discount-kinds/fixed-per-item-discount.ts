import { Money } from '@loyalty/kernel';
import { amountOfEffect, DiscountKindDefinition } from '../discount-kind';
import { moneyValue } from './money-value';

/** `fixed_per_item`: an amount off every unit of each matching line (the delivery counts as one unit). */
export const fixedPerItemDiscount: DiscountKindDefinition = {
  code: 'fixed_per_item',
  parseValue: (text, minorDigits, path) => moneyValue(text, minorDigits, path, false),
  formatValue: (effect, minorDigits) => Money.format(amountOfEffect(effect), minorDigits),
  demand(effect, slots) {
    const amount = amountOfEffect(effect);
    return { each: slots.map((slot) => amount * BigInt(slot.count)) };
  },
};
