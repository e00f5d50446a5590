/**
 * The password of an HTTP Basic `Authorization` header (`Basic base64(user:password)`); the user
 * name is ignored. Null when the header is missing or not Basic.
 */
export function basicAuthPassword(header: string | undefined): string | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : decoded.slice(colon + 1);
}
