import { formatDecimal, parseDecimal } from './decimal';

/** A currency's minor digits. Currencies with 3 (BHD, KWD...) are refused when a currency is created. */
export type MinorDigits = 0 | 1 | 2;

/**
 * Money is a `bigint` count of the currency's minor units (kopecks, cents; yen for 0 digits).
 * These functions are its edge to and from decimal text.
 */
export const Money = {
  /** `"100.5"` with 2 minor digits is `10050n`; at most `minorDigits` fraction digits are allowed. */
  parse(text: string, minorDigits: MinorDigits, path = 'amount'): bigint {
    return parseDecimal(text, minorDigits, path);
  },

  /** Always exactly `minorDigits` fraction digits: `10050n` → `"100.50"`, with 0 digits `100n` → `"100"`. */
  format(minor: bigint, minorDigits: MinorDigits): string {
    return formatDecimal(minor, minorDigits);
  },
} as const;
