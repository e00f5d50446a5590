import { compareExact, ExactDecimal, exactDecimal } from './exact-decimal';

const cmp = (a: unknown, b: unknown) => compareExact(exactDecimal(a) as ExactDecimal, exactDecimal(b) as ExactDecimal);

describe('exact decimals', () => {
  it('reads numbers and decimal strings, exponent form included', () => {
    expect(exactDecimal('100.50')).toEqual({ digits: 10050n, scale: 2 });
    expect(exactDecimal(-0.25)).toEqual({ digits: -25n, scale: 2 });
    expect(exactDecimal(1e21)).toEqual({ digits: 10n ** 21n, scale: 0 });
    expect(exactDecimal(1e-7)).toEqual({ digits: 1n, scale: 7 });
  });

  it('refuses what is not a plain decimal', () => {
    for (const value of ['007', '1.', '.5', 'abc', '', ' 1', NaN, Infinity, true, null, {}]) {
      expect(exactDecimal(value)).toBeNull();
    }
  });

  it('compares across scales exactly', () => {
    expect(cmp('100.10', 100.1)).toBe(0);
    expect(cmp('0.30', 0.1 + 0.2)).toBe(-1);
    expect(cmp('12345678901234567890.01', '12345678901234567890')).toBe(1);
    expect(cmp(-1, '-0.99')).toBe(-1);
  });
});
