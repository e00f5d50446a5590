import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** `X-Signature`: `sha256=` and the hex HMAC-SHA256 of the raw body with the hook's secret. */
export function signHookBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** What a receiver does: recompute the signature over the raw bytes and compare in constant time. */
export function verifyHookSignature(secret: string, body: string | Buffer, signature: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A generated hook secret: `whsec_` and 43 base64url characters (256 random bits). */
export function generateHookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
