import { DomainError, MinorDigits, Money } from '@loyalty/kernel';
import { DiscountValue } from '../discount-kind';

/** A money `value` in the program currency; `allowZero` for a fixed price of 0.00. */
export function moneyValue(text: string, minorDigits: MinorDigits, path: string, allowZero: boolean): DiscountValue {
  const amount = Money.parse(text, minorDigits, path);
  if (amount < 0n || (amount === 0n && !allowZero)) {
    throw DomainError.invalid(path, allowZero ? 'must not be negative' : 'must be positive');
  }
  return { percent: null, amount };
}
