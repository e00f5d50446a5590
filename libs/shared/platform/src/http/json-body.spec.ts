import fc from 'fast-check';
import { JsonValueError, parseJsonBody } from './json-body';

function valueErrorOf(text: string): JsonValueError {
  try {
    parseJsonBody(text);
  } catch (error) {
    if (error instanceof JsonValueError) return error;
    throw error;
  }
  throw new Error(`${text} was accepted`);
}

describe('parseJsonBody', () => {
  it.each([
    ['1', 1],
    ['1.5', 1.5],
    ['1.50', 1.5],
    ['-3.25', -3.25],
    ['0.01', 0.01],
    ['0.00', 0],
    ['123456789012345', 123456789012345],
    ['1234567890123.45', 1234567890123.45],
    ['-9999999999999.99', -9999999999999.99],
  ])('accepts the number %s as %p', (text, value) => {
    expect(parseJsonBody(`{"a":${text}}`)).toEqual({ a: value });
  });

  it.each([
    ['1.5e1', 15],
    ['1.5E+1', 15],
    ['1E2', 100],
    ['25e-2', 0.25],
    ['1.234e2', 123.4],
    ['1e14', 100000000000000],
  ])('accepts the exponent form %s as %p', (text, value) => {
    expect(parseJsonBody(text)).toBe(value);
  });

  it('rejects a third fraction digit and names the field', () => {
    const error = valueErrorOf('{"a":100.123}');
    expect(error.path).toBe('a');
    expect(error.message).toBe('100.123 has more than 2 fraction digits');
  });

  it('rejects a trailing zero beyond two fraction digits, as the rule is on the source text', () => {
    expect(valueErrorOf('{"a":1.500}').message).toBe('1.500 has more than 2 fraction digits');
  });

  it('names nested fields and array items in the path', () => {
    expect(valueErrorOf('{"data":{"lines":[{"price":1},{"price":1.001}]}}').path).toBe('data.lines[1].price');
    expect(valueErrorOf('{"data":{"lines":[{"price":0.001}]}}').path).toBe('data.lines[0].price');
    expect(valueErrorOf('[1, 2.345]').path).toBe('[1]');
    expect(valueErrorOf('2.345').path).toBe('');
  });

  it.each([
    ['1e-3', 'fraction'],
    ['0.5e-2', 'fraction'],
    ['1234567890123456', 'significant'],
    ['12345678901234.56', 'significant'],
    ['1e15', 'significant'],
    ['1e20', 'significant'],
    ['1e400', 'significant'],
  ])('rejects %s (too many %s digits)', (text, kind) => {
    const error = valueErrorOf(`{"amount":${text}}`);
    expect(error.path).toBe('amount');
    expect(error.message).toBe(
      kind === 'fraction' ? `${text} has more than 2 fraction digits` : `${text} has more than 15 significant digits`,
    );
  });

  // Bug: the integer digits of `0.01e16` (= 100000000000000, 15 digits) are counted as 16 because
  // the leading zeros of the fraction are not subtracted, while the same value written `1e14` passes.
  it('judges 0.01e16 like 1e14, the same 15-digit value', () => {
    expect(parseJsonBody('0.01e16')).toBe(100000000000000);
  });

  it('leaves numeric strings, booleans and null alone', () => {
    expect(parseJsonBody('{"a":"100.123","b":true,"c":null,"d":["x",false]}')).toEqual({
      a: '100.123',
      b: true,
      c: null,
      d: ['x', false],
    });
  });

  it.each(['', '   ', '\n\t '])('reads the empty body %p as {}', (text) => {
    expect(parseJsonBody(text)).toEqual({});
  });

  it('keeps __proto__ as an own property without touching any prototype', () => {
    const body = parseJsonBody('{"__proto__":{"polluted":1},"nested":{"__proto__":{"polluted":2}}}') as Record<
      string,
      Record<string, unknown>
    >;
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(body['nested'])).toBe(Object.prototype);
    expect(Object.keys(body)).toEqual(['__proto__', 'nested']);
    expect(Object.getOwnPropertyDescriptor(body, '__proto__')?.value).toEqual({ polluted: 1 });
    expect(Object.getOwnPropertyDescriptor(body['nested'], '__proto__')?.value).toEqual({ polluted: 2 });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((body as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('rejects a key repeated with a different value', () => {
    expect(() => parseJsonBody('{"a":1,"a":2}')).toThrow("Duplicate key 'a'");
    expect(() => parseJsonBody('{"data":{"id":"x","id":"y"}}')).toThrow("Duplicate key 'id'");
  });

  it('accepts a key repeated with the same value', () => {
    expect(parseJsonBody('{"a":"x","a":"x"}')).toEqual({ a: 'x' });
  });

  it.each(['{"a":}', '{a:1}', '[1,]', '{} x', 'NaN', '01', '.5', '+1', "{'a':1}", '{"a":1'])(
    'throws a SyntaxError on the invalid JSON %p',
    (text) => {
      expect(() => parseJsonBody(text)).toThrow(SyntaxError);
    },
  );

  it('round-trips every amount in cents of at most 15 digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 15 - 1), max: 10 ** 15 - 1 }), (cents) => {
        const amount = cents / 100;
        expect(parseJsonBody(JSON.stringify({ a: amount }))).toEqual({ a: amount });
      }),
    );
  });

  it('rejects every amount with a third fraction digit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(10 ** 14 - 1), max: 10 ** 14 - 1 }).filter((thousandths) => thousandths % 10 !== 0),
        (thousandths) => {
          expect(valueErrorOf(JSON.stringify({ a: thousandths / 1000 })).path).toBe('a');
        },
      ),
    );
  });

  it('refuses a NUL character in a text or a key, naming its path (PostgreSQL text cannot hold it)', () => {
    expect(valueErrorOf('{"a":[{"name":"x\\u0000y"}]}')).toMatchObject({ path: 'a[0].name' });
    expect(valueErrorOf('{"a":{"k\\u0000":1}}')).toMatchObject({ path: 'a.k\u0000' });
    expect(parseJsonBody('{"a":"\\u0001 ok"}')).toEqual({ a: '\u0001 ok' });
  });
});
