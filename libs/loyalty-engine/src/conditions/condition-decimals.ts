import { MinorDigits, Scale } from '@loyalty/kernel';

/**
 * Money and float values in conditions are compared as `bigint` hundredths: leaf values are
 * parsed once at this scale, and money facts are scaled up from their currency's minor digits.
 */
export const CONDITION_DECIMAL_SCALE: Scale = 2;

const HUNDREDTHS_PER_MINOR_UNIT: Record<MinorDigits, bigint> = { 0: 100n, 1: 10n, 2: 1n };

/** `12345n` yen (0 minor digits) is `1234500n` hundredths; `12345n` cents is `12345n`. */
export function minorUnitsToHundredths(minor: bigint, minorDigits: MinorDigits): bigint {
  return minor * HUNDREDTHS_PER_MINOR_UNIT[minorDigits];
}
