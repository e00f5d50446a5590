import { bodyLimitFor, DEFAULT_BODY_LIMIT, IMPORT_BODY_LIMIT } from './body-limits';

describe('bodyLimitFor', () => {
  it('has limits of 1 MB and 20 MB', () => {
    expect(DEFAULT_BODY_LIMIT).toBe(1_048_576);
    expect(IMPORT_BODY_LIMIT).toBe(20_971_520);
  });

  it.each([
    '/api/v1.1/profiles/import',
    '/api/v1.1/market/products/feed_import',
    '/api/v1.1/profiles/import?token=abc',
    '/api/v1.1/market/products/feed_import?format=json&x=/y',
  ])('gives the import method %s 20 MB', (url) => {
    expect(bodyLimitFor(url)).toBe(20 * 1024 * 1024);
  });

  it.each([
    '/api/v1.1/profiles/importer',
    '/api/v1.1/profiles/import/status',
    '/api/v1.1/profiles/reimport',
    '/api/v1.1/profiles/get?next=/import',
    '/api/v1.1/loyalty/accrue_points',
    '/',
    '',
  ])('gives %p 1 MB', (url) => {
    expect(bodyLimitFor(url)).toBe(1024 * 1024);
  });
});
