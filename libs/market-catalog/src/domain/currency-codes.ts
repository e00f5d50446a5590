import { DomainError, MinorDigits } from '@loyalty/kernel';

/**
 * ISO 4217 minor units where they are not 2. ICU's display digits differ from the standard for
 * some currencies (HUF, IDR, COP show 0 but have 2), so the standard's table is kept here.
 * Codes without minor units in the standard (gold, SDR, test codes) are refused.
 */
const ISO_MINOR_UNITS: Readonly<Record<string, number | null>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
  XAG: null,
  XAU: null,
  XBA: null,
  XBB: null,
  XBC: null,
  XBD: null,
  XDR: null,
  XPD: null,
  XPT: null,
  XSU: null,
  XTS: null,
  XUA: null,
  XXX: null,
};

/** ICU's list of ISO 4217 codes (current and historic) and the standard's special codes above. */
const KNOWN_CODES = new Set([...Intl.supportedValuesOf('currency'), ...Object.keys(ISO_MINOR_UNITS)]);

/**
 * The minor digits of an ISO 4217 alpha-3 code (JPY 0, RUB 2). Unknown codes, codes without minor
 * units and codes with more than 2 (BHD, KWD, IQD...) are refused: money here has 0 or 2.
 */
export function minorDigitsOfCurrency(code: string, path = 'code'): MinorDigits {
  if (!/^[A-Z]{3}$/.test(code) || !KNOWN_CODES.has(code)) {
    throw DomainError.invalid(path, `"${code}" is not an ISO 4217 currency code`);
  }
  const digits = code in ISO_MINOR_UNITS ? ISO_MINOR_UNITS[code] : 2;
  if (digits === null) throw DomainError.invalid(path, `${code} has no minor units; it is not a trading currency`);
  if (digits === 0 || digits === 2) return digits;
  throw DomainError.invalid(path, `${code} has ${digits} minor digits; only currencies with 0 or 2 are supported`);
}
