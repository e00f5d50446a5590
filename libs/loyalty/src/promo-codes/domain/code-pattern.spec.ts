import { randomInt } from 'node:crypto';
import {
  allCodes,
  CODE_DIGITS,
  CODE_LETTERS,
  parseCodePattern,
  patternRegex,
  randomCode,
  sample,
} from './code-pattern';

describe('promo code patterns', () => {
  it('uses digits and letters without look-alikes: no 0, 1, I, L, O', () => {
    expect(CODE_DIGITS).toBe('23456789');
    expect(CODE_LETTERS).toHaveLength(23);
    for (const ambiguous of ['0', '1', 'I', 'L', 'O']) expect(CODE_DIGITS + CODE_LETTERS).not.toContain(ambiguous);
    expect(new Set(CODE_LETTERS).size).toBe(23);
  });

  it('reads # as a digit, X as a letter and anything else as itself; the space is the product', () => {
    const pattern = parseCodePattern('SALE-####-XXXX');
    expect(pattern.space).toBe(8n ** 4n * 23n ** 4n);
    for (let draw = 0; draw < 200; draw += 1) {
      expect(randomCode(pattern, randomInt)).toMatch(/^SALE-[2-9]{4}-[ABCDEFGHJKMNPQRSTUVWXYZ]{4}$/);
    }
  });

  it('refuses patterns without a placeholder, with spaces, non-ASCII or longer than 255 (error 1 at pattern)', () => {
    for (const text of ['SALE', 'SALE ##', 'SALÉ-##', '', `${'#'.repeat(256)}`]) {
      expect(() => parseCodePattern(text)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    }
    expect(() => parseCodePattern('SALE')).toThrow('pattern: must contain at least one # (digit) or X (letter)');
  });

  it('draws every character of a slot uniformly from its alphabet (chi-square on 23,000 letters)', () => {
    const pattern = parseCodePattern('X');
    const counts = new Map<string, number>();
    for (let draw = 0; draw < 23_000; draw += 1) {
      const code = randomCode(pattern, randomInt);
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    expect([...counts.keys()].sort().join('')).toBe(CODE_LETTERS);
    const chiSquare = [...counts.values()].reduce((sum, seen) => sum + (seen - 1000) ** 2 / 1000, 0);
    // 22 degrees of freedom: p = 0.0001 at 52.0
    expect(chiSquare).toBeLessThan(52);
  });

  it('enumerates a small space exactly once each, in order', () => {
    const codes = [...allCodes(parseCodePattern('A#X'))];
    expect(codes).toHaveLength(8 * 23);
    expect(new Set(codes).size).toBe(8 * 23);
    expect(codes.slice(0, 3)).toEqual(['A2A', 'A2B', 'A2C']);
    expect(codes[codes.length - 1]).toBe('A9Z');
  });

  it('samples distinct items uniformly enough and never more than the pool', () => {
    const picked = sample([1, 2, 3, 4, 5, 6], 4, randomInt);
    expect(new Set(picked).size).toBe(4);
    expect(sample([1, 2], 5, randomInt).sort()).toEqual([1, 2]);
    const firsts = new Map<number, number>();
    for (let round = 0; round < 6000; round += 1) {
      const [first] = sample([1, 2, 3], 1, randomInt);
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    for (const seen of firsts.values()) expect(Math.abs(seen - 2000)).toBeLessThan(250);
  });

  it("writes a PostgreSQL regular expression of the pattern's codes (literals escaped)", () => {
    const regex = patternRegex(parseCodePattern('A.#-X'));
    expect(regex).toBe('^A\\.[23456789]\\-[ABCDEFGHJKMNPQRSTUVWXYZ]$');
    const js = new RegExp(regex);
    expect(js.test('A.7-K')).toBe(true);
    expect(js.test('AX7-K')).toBe(false);
    expect(js.test('A.1-K')).toBe(false);
  });
});
