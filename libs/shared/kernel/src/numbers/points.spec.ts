import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { ONE_POINT, Points } from './points';

describe('Points', () => {
  it.each([
    ['69', 6900n],
    ['69.00', 6900n],
    ['1799.1', 179910n],
    ['0.01', 1n],
    ['-7', -700n],
  ])('parses %p as %p hundredths', (text, hundredths) => {
    expect(Points.parse(text)).toBe(hundredths);
  });

  it.each(['69.001', '1e2', '+1', '', '069'])('refuses %p', (text) => {
    expect(() => Points.parse(text, 'points_to_redeem')).toThrow(/^points_to_redeem: /);
  });

  it('always formats two fraction digits', () => {
    expect(Points.format(6900n)).toBe('69.00');
    expect(Points.format(179910n)).toBe('1799.10');
    expect(Points.format(0n)).toBe('0.00');
    expect(Points.format(-1n)).toBe('-0.01');
    expect(Points.format(ONE_POINT)).toBe('1.00');
  });

  it('tells whole points apart', () => {
    expect(Points.isWhole(6900n)).toBe(true);
    expect(Points.isWhole(-6900n)).toBe(true);
    expect(Points.isWhole(6950n)).toBe(false);
  });

  it('accepts only whole values for a precision-0 currency', () => {
    expect(Points.requirePrecision(Points.parse('69.00'), 0)).toBe(6900n);
    expect(Points.requirePrecision(Points.parse('69.50'), 2)).toBe(6950n);
    const error = (() => {
      try {
        Points.requirePrecision(Points.parse('69.5'), 0, 'amount');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('VALIDATION_FAILED');
    expect((error as DomainError).message).toBe('amount: must be a whole number of points for this currency');
  });

  it('round-trips every amount of at most 15 digits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }), (hundredths) => {
        expect(Points.parse(Points.format(hundredths))).toBe(hundredths);
      }),
    );
  });
});
