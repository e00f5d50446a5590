import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, requestFingerprint } from './canonical-json';

/** Rebuilds every object of a JSON value with its keys in another order (driven by `seed`). */
function shuffleKeys(value: unknown, seed: number): unknown {
  let state = seed >>> 0 || 1;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state;
  };
  const visit = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(visit);
    if (item !== null && typeof item === 'object') {
      const entries = Object.entries(item).map(([key, child]) => [key, visit(child)] as const);
      for (let i = entries.length - 1; i > 0; i--) {
        const j = next() % (i + 1);
        [entries[i], entries[j]] = [entries[j], entries[i]];
      }
      return Object.fromEntries(entries);
    }
    return item;
  };
  return visit(value);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,1]},"b":1}');
  });

  it('writes scalars as JSON does', () => {
    expect(canonicalJson('a"b')).toBe('"a\\"b"');
    expect(canonicalJson(1.5)).toBe('1.5');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('drops undefined properties, as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(canonicalJson({ a: undefined, b: 2 })).toBe(canonicalJson({ b: 2 }));
  });

  it('compares keys by code unit, not by locale', () => {
    expect(canonicalJson({ b: 1, B: 2, a: 3, _: 4 })).toBe('{"B":2,"_":4,"a":3,"b":1}');
  });

  it('gives the same text whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        expect(canonicalJson(shuffleKeys(value, seed))).toBe(canonicalJson(value));
      }),
    );
  });

  it('writes the same data as JSON.stringify', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe('requestFingerprint', () => {
  it('is the sha256 of the canonical JSON', () => {
    expect(requestFingerprint({ b: 1, a: 2 })).toBe(sha256('{"a":2,"b":1}'));
    expect(requestFingerprint({ b: 1, a: 2 })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores a top-level token', () => {
    expect(requestFingerprint({ token: 'lyt_a', amount: 10 })).toBe(requestFingerprint({ amount: 10 }));
    expect(requestFingerprint({ token: 'lyt_a', amount: 10 })).toBe(requestFingerprint({ amount: 10, token: 'lyt_b' }));
  });

  it('keeps a nested token', () => {
    expect(requestFingerprint({ data: { token: 'a' } })).not.toBe(requestFingerprint({ data: { token: 'b' } }));
    expect(requestFingerprint({ data: { token: 'a' } })).not.toBe(requestFingerprint({ data: {} }));
    expect(requestFingerprint({ data: { token: 'a' } })).toBe(sha256('{"data":{"token":"a"}}'));
  });

  it('differs when a value differs', () => {
    expect(requestFingerprint({ amount: 10 })).not.toBe(requestFingerprint({ amount: 10.01 }));
    expect(requestFingerprint({ amount: 10 })).not.toBe(requestFingerprint({ amount: '10' }));
    expect(requestFingerprint({ lines: [1, 2] })).not.toBe(requestFingerprint({ lines: [2, 1] }));
  });

  it('fingerprints bodies that are not objects as they are', () => {
    expect(requestFingerprint([{ token: 'a' }])).toBe(sha256('[{"token":"a"}]'));
    expect(requestFingerprint(null)).toBe(sha256('null'));
  });

  it('does not depend on key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.integer(), (body, seed) => {
        expect(requestFingerprint(shuffleKeys(body, seed))).toBe(requestFingerprint(body));
      }),
    );
  });
});
