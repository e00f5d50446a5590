import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal bodies have equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The fingerprint of a request body for idempotency: canonical JSON without `token`. */
export function requestFingerprint(body: unknown): string {
  const withoutToken =
    body !== null && typeof body === 'object' && !Array.isArray(body)
      ? Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'token'))
      : body;
  return createHash('sha256').update(canonicalJson(withoutToken)).digest('hex');
}
