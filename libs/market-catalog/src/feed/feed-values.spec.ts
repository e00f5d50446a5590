import { FeedFormatError, FeedLocation } from './feed-format-error';
import { readBoolean, readCount, readDecimalText, splitList } from './feed-values';

const at: FeedLocation = { subject: 'row', position: 4, line: 5 };

describe('readDecimalText', () => {
  it.each(['0', '100', '99.90', '0.5', '12345678901234567890.123'])('keeps %s as written', (text) => {
    expect(readDecimalText(text, 'price', at)).toBe(text);
  });

  it.each(['12,5', '-1', '+1', '1.', '.5', '1e3', ' 1', '1 000', 'NaN', ''])('rejects %j', (text) => {
    expect(() => readDecimalText(text, 'price', at)).toThrow(
      new FeedFormatError(at, 'price', `price ${JSON.stringify(text)} is not a decimal`),
    );
  });
});

describe('readCount', () => {
  it.each([
    ['0', 0],
    ['42', 42],
  ])('reads %s', (text, value) => {
    expect(readCount(text, 'count', at)).toBe(value);
  });

  it.each(['-1', '1.5', '007', '1e2', '99999999999999999999'])('rejects %s', (text) => {
    expect(() => readCount(text, 'count', at)).toThrow(`count ${JSON.stringify(text)} is not a whole number`);
  });
});

describe('readBoolean', () => {
  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('reads %s', (text, value) => {
    expect(readBoolean(text, 'is_available', at)).toBe(value);
  });

  it.each(['TRUE', 'yes', 'constructor'])('rejects %s', (text) => {
    expect(() => readBoolean(text, 'is_available', at)).toThrow('is not true, false, 1 or 0');
  });
});

describe('splitList', () => {
  it('splits on | and drops empty parts', () => {
    expect(splitList('a||b|')).toEqual(['a', 'b']);
  });
});
