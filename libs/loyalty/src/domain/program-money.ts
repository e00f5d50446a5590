import type { MinorDigits } from '@loyalty/kernel';
import { minorDigitsOfCurrency } from '@loyalty/market-catalog';
import type { LoyaltyProgram } from '../entities/loyalty-program.entity';

/** The minor digits of the money a program prices in (ISO 4217). */
export function programMinorDigits(program: Pick<LoyaltyProgram, 'currency'>): MinorDigits {
  return minorDigitsOfCurrency(program.currency, 'currency');
}
