import { generateTokenSecret, hashSecret, secretPrefix, secretsEqual } from './token-secret';

describe('generateTokenSecret', () => {
  it('is lyt_ and 43 base64url characters (256 bits)', () => {
    const secret = generateTokenSecret();
    expect(secret).toMatch(/^lyt_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.slice(4), 'base64url')).toHaveLength(32);
  });

  it('differs on every call', () => {
    const secrets = new Set(Array.from({ length: 50 }, () => generateTokenSecret()));
    expect(secrets.size).toBe(50);
  });
});

describe('hashSecret', () => {
  it('is the hex sha256 of the secret', () => {
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashSecret('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes the UTF-8 bytes', () => {
    // sha256 of the two bytes c3 a9 ("é" in UTF-8), not of the Latin-1 byte e9
    expect(hashSecret('é')).toBe('4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c');
  });
});

describe('secretsEqual', () => {
  it('is true for equal secrets only', () => {
    const secret = generateTokenSecret();
    expect(secretsEqual(secret, `${secret}`)).toBe(true);
    expect(secretsEqual(secret, generateTokenSecret())).toBe(false);
    expect(secretsEqual('lyt_abc', 'lyt_abd')).toBe(false);
  });

  it('compares secrets of different lengths without throwing', () => {
    expect(secretsEqual('lyt_short', 'lyt_much_longer_secret')).toBe(false);
    expect(secretsEqual('', 'x')).toBe(false);
    expect(secretsEqual('', '')).toBe(true);
  });
});

describe('secretPrefix', () => {
  it('shows lyt_ and the first 6 characters', () => {
    expect(secretPrefix('lyt_abcdefghijk')).toBe('lyt_abcdef');
    expect(secretPrefix(generateTokenSecret())).toMatch(/^lyt_[A-Za-z0-9_-]{6}$/);
  });
});
