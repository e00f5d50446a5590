export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

/** Import methods (paths ending in `/import` or `_import`) take bodies up to 20 MB; every other method 1 MB. */
export function bodyLimitFor(url: string): number {
  const path = url.split('?', 1)[0];
  return /(?:\/|_)import$/.test(path) ? IMPORT_BODY_LIMIT : DEFAULT_BODY_LIMIT;
}
