import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { decimalTextFromNumber, formatDecimal, parseDecimal, Scale } from './decimal';

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('parseDecimal', () => {
  it.each([
    ['100', 2, 10000n],
    ['100.5', 2, 10050n],
    ['100.50', 2, 10050n],
    ['-3.25', 2, -325n],
    ['0.01', 2, 1n],
    ['0.5', 2, 50n],
    ['0', 2, 0n],
    ['-0', 2, 0n],
    ['0.00', 2, 0n],
    ['100', 0, 100n],
    ['12.3', 1, 123n],
    ['999999999999999', 2, 99999999999999900n],
    ['9999999999999.99', 2, 999999999999999n],
  ] as const)('reads %p at scale %p', (text, scale, expected) => {
    expect(parseDecimal(text, scale)).toBe(expected);
  });

  it.each([
    '',
    ' ',
    ' 1',
    '1 ',
    '+1',
    '1e3',
    '1E3',
    '1.',
    '.5',
    '-.5',
    '007',
    '00.5',
    '-01',
    '1.234',
    '0.000',
    '1,5',
    '1_000',
    'abc',
    'NaN',
    'Infinity',
    '--1',
    '0x10',
    '1000000000000000',
    '99999999999999.99',
    '١٢',
  ])('refuses %p', (text) => {
    expect(() => parseDecimal(text, 2)).toThrow(DomainError);
  });

  it('names the field and says what is wrong', () => {
    const error = errorOf(() => parseDecimal('1.234', 2, 'data.lines[0].price'));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('data.lines[0].price: must have at most 2 fraction digits');
    expect(error.details.fields).toEqual([
      { path: 'data.lines[0].price', message: 'must have at most 2 fraction digits' },
    ]);
  });

  it.each([
    ['', 'must be a decimal number such as "100.50"'],
    ['007', 'must not have leading zeros'],
    ['1.5', 'must be a whole number'],
    ['1234567890123456', 'must have at most 15 significant digits'],
  ])('explains why %p is refused at scale 0', (text, message) => {
    expect(errorOf(() => parseDecimal(text, 0)).details.fields).toEqual([{ path: 'amount', message }]);
  });

  it('counts significant digits from the first non-zero digit', () => {
    expect(parseDecimal('0.01', 2)).toBe(1n);
    expect(parseDecimal('1234567890123.45', 2)).toBe(123456789012345n);
    expect(() => parseDecimal('12345678901234.50', 2)).toThrow('at most 15 significant digits');
  });
});

describe('formatDecimal', () => {
  it.each([
    [6900n, 2, '69.00'],
    [10050n, 2, '100.50'],
    [1n, 2, '0.01'],
    [-5n, 2, '-0.05'],
    [-325n, 2, '-3.25'],
    [0n, 2, '0.00'],
    [100n, 0, '100'],
    [-100n, 0, '-100'],
    [0n, 0, '0'],
    [5n, 1, '0.5'],
  ] as const)('writes %p at scale %p as %p', (units, scale, text) => {
    expect(formatDecimal(units, scale)).toBe(text);
  });
});

describe('decimalTextFromNumber', () => {
  it.each([
    [100, '100'],
    [100.5, '100.5'],
    [0.01, '0.01'],
    [-3.25, '-3.25'],
    [-0, '0'],
    [123456789012345, '123456789012345'],
    [1234567890123.45, '1234567890123.45'],
  ])('writes %p as %p', (value, text) => {
    expect(decimalTextFromNumber(value)).toBe(text);
  });

  it.each([NaN, Infinity, -Infinity, 1e21, 1e-7])('refuses %p', (value) => {
    expect(() => decimalTextFromNumber(value, 'points')).toThrow('points: must be a decimal number');
  });

  it('leaves the decimal rules to the parser', () => {
    expect(() => parseDecimal(decimalTextFromNumber(0.1 + 0.2), 2)).toThrow(DomainError);
    expect(() => parseDecimal(decimalTextFromNumber(2 ** 60), 2)).toThrow(DomainError);
  });

  it('is exact for every number with at most 2 fraction digits and 15 significant digits', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }),
        fc.constantFrom(0, 1, 2),
        (units, scale) => {
          const text = formatDecimal(units, scale as Scale);
          expect(parseDecimal(decimalTextFromNumber(Number(text)), scale as Scale)).toBe(units);
        },
      ),
    );
  });
});

/** The canonical text of a decimal: no leading zeros, exactly `scale` fraction digits, no `-0`. */
function canonical(negative: boolean, whole: string, fraction: string, scale: Scale): string {
  const digits = (whole + fraction.padEnd(scale, '0')).replace(/^0+(?=.)/, '');
  const padded = digits.padStart(scale + 1, '0');
  const body = scale === 0 ? padded : `${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
  return negative && /[1-9]/.test(digits) ? `-${body}` : body;
}

describe('decimal text properties', () => {
  const scale = fc.constantFrom<Scale>(0, 1, 2);
  const digit = fc.constantFrom(...'0123456789');

  it('format(parse(x)) is the canonical form of any valid x', () => {
    fc.assert(
      fc.property(
        scale,
        fc.boolean(),
        fc.oneof(
          fc.constant('0'),
          fc.tuple(fc.constantFrom(...'123456789'), fc.string({ unit: digit, maxLength: 12 })),
        ),
        fc.string({ unit: digit, maxLength: 2 }),
        (s, negative, wholeParts, rawFraction) => {
          const whole = typeof wholeParts === 'string' ? wholeParts : wholeParts.join('');
          const fraction = rawFraction.slice(0, s);
          const text = `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
          expect(formatDecimal(parseDecimal(text, s), s)).toBe(canonical(negative, whole, fraction, s));
        },
      ),
    );
  });

  it('parse(format(v)) is v for every value of at most 15 digits', () => {
    fc.assert(
      fc.property(scale, fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }), (s, units) => {
        expect(parseDecimal(formatDecimal(units, s), s)).toBe(units);
      }),
    );
  });

  it('accepts exactly the documented grammar among strings of digits, dots, signs, exponents and spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789.-+eE ,'), maxLength: 8 }), (text) => {
        const valid = /^-?(0|[1-9][0-9]*)(\.[0-9]{1,2})?$/.test(text);
        let parsed = true;
        try {
          parseDecimal(text, 2);
        } catch {
          parsed = false;
        }
        expect(parsed).toBe(valid);
      }),
    );
  });
});
