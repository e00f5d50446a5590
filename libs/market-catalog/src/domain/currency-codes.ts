import { DomainError, MinorDigits } from '@loyalty/kernel';

const ISO_CODES = new Set(Intl.supportedValuesOf('currency'));

/**
 * The minor digits of an ISO 4217 alpha-3 code, from the runtime's ICU data (JPY 0, RUB 2).
 * Unknown codes and codes with 3 minor digits (BHD, KWD...) are refused: money here has at most 2.
 */
export function minorDigitsOfCurrency(code: string, path = 'code'): MinorDigits {
  if (!/^[A-Z]{3}$/.test(code) || !ISO_CODES.has(code)) {
    throw DomainError.invalid(path, `"${code}" is not an ISO 4217 currency code`);
  }
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
    .maximumFractionDigits;
  if (digits === 0 || digits === 2) return digits;
  throw DomainError.invalid(path, `${code} has ${digits} minor digits; only currencies with 0 or 2 are supported`);
}
