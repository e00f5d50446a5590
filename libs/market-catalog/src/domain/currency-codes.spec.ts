import { minorDigitsOfCurrency } from './currency-codes';

describe('ISO 4217 minor digits', () => {
  it.each([
    ['RUB', 2],
    ['USD', 2],
    ['EUR', 2],
    ['HUF', 2],
    ['IDR', 2],
    ['COP', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['ISK', 0],
    ['CLP', 0],
  ])('%s has %i', (code, digits) => {
    expect(minorDigitsOfCurrency(code as string)).toBe(digits);
  });

  it.each(['KWD', 'BHD', 'IQD', 'TND', 'CLF'])('refuses %s (more than 2 minor digits)', (code) => {
    expect(() => minorDigitsOfCurrency(code)).toThrow(/minor digits; only currencies with 0 or 2 are supported/);
  });

  it('refuses codes without minor units and codes that are not ISO 4217', () => {
    expect(() => minorDigitsOfCurrency('XAU')).toThrow('code: XAU has no minor units; it is not a trading currency');
    expect(() => minorDigitsOfCurrency('XYZ')).toThrow('code: "XYZ" is not an ISO 4217 currency code');
    expect(() => minorDigitsOfCurrency('rub')).toThrow('is not an ISO 4217 currency code');
  });
});
