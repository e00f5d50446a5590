import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { decimalTextFromNumber } from './decimal';
import { MinorDigits, Money } from './money';

describe('Money', () => {
  it.each([
    ['100', 2, 10000n],
    ['100.5', 2, 10050n],
    ['100.50', 2, 10050n],
    ['-3.25', 2, -325n],
    ['0.01', 2, 1n],
    ['100', 0, 100n],
    ['12.5', 1, 125n],
  ] as const)('parses %p with %p minor digits', (text, digits, minor) => {
    expect(Money.parse(text, digits)).toBe(minor);
  });

  it('refuses more fraction digits than the currency has', () => {
    expect(() => Money.parse('100.5', 0, 'data.total_price')).toThrow('data.total_price: must be a whole number');
    expect(() => Money.parse('100.00', 0)).toThrow(DomainError);
    expect(() => Money.parse('1.25', 1)).toThrow('amount: must have at most 1 fraction digits');
    expect(() => Money.parse('1.255', 2)).toThrow('amount: must have at most 2 fraction digits');
  });

  it.each([
    [10050n, 2, '100.50'],
    [10000n, 2, '100.00'],
    [-325n, 2, '-3.25'],
    [100n, 0, '100'],
    [125n, 1, '12.5'],
  ] as const)('formats %p with %p minor digits as %p', (minor, digits, text) => {
    expect(Money.format(minor, digits)).toBe(text);
  });

  it('parses JSON numbers through their decimal text', () => {
    expect(Money.parse(decimalTextFromNumber(2200), 2)).toBe(220000n);
    expect(Money.parse(decimalTextFromNumber(59.97), 2)).toBe(5997n);
  });

  it('round-trips every amount of at most 15 digits', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<MinorDigits>(0, 1, 2),
        fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }),
        (digits, minor) => {
          expect(Money.parse(Money.format(minor, digits), digits)).toBe(minor);
        },
      ),
    );
  });
});
