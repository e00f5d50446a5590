import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalQuoteText, QuoteFigures } from '@loyalty/loyalty-engine';

export const QUOTE_LIFETIME_MS = 15 * 60_000;

export interface Quote {
  id: string;
  hash: string;
  expiresAt: Date;
}

/**
 * A quote (rules.md §4 step 7) is stateless: `q_<payload>.<signature>`, where the payload carries
 * the figures' text, the account and the expiry, and the signature is an HMAC-SHA256 with
 * `QUOTE_SECRET`. A commit compares figures, not versions.
 */
export function issueQuote(figures: QuoteFigures, accountId: number, now: Date, secret: string): Quote {
  const text = canonicalQuoteText(figures);
  const expiresAt = new Date(now.getTime() + QUOTE_LIFETIME_MS);
  const payload = Buffer.from(JSON.stringify({ a: accountId, e: expiresAt.getTime(), f: text })).toString('base64url');
  return { id: `q_${payload}.${sign(payload, secret)}`, hash: `sha256:${sha256(text)}`, expiresAt };
}

/**
 * The figures text a quote id carries, or null when the id is malformed, forged, another
 * account's or expired: such a quote is ignored as if absent (spec api.md §5.2).
 */
export function readQuote(id: string, accountId: number, now: Date, secret: string): string | null {
  const match = /^q_([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(id);
  if (!match) return null;
  const [, payload, signature] = match;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { a: number; e: number; f: string };
    if (body.a !== accountId || body.e < now.getTime() || typeof body.f !== 'string') return null;
    return body.f;
  } catch {
    return null;
  }
}

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
