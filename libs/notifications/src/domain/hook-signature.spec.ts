import { createHmac } from 'node:crypto';
import { generateHookSecret, signHookBody, verifyHookSignature } from './hook-signature';

describe('hook signatures', () => {
  it('is sha256= and the hex HMAC-SHA256 of the raw body with the secret', () => {
    const body = '{"event_id":"e","data":{"amount":"10.00"}}';
    const expected = createHmac('sha256', 'whsec_test').update(body).digest('hex');
    expect(signHookBody('whsec_test', body)).toBe(`sha256=${expected}`);
    expect(verifyHookSignature('whsec_test', Buffer.from(body), `sha256=${expected}`)).toBe(true);
    expect(verifyHookSignature('whsec_other', body, `sha256=${expected}`)).toBe(false);
    expect(verifyHookSignature('whsec_test', `${body} `, `sha256=${expected}`)).toBe(false);
  });

  it('generates 256-bit secrets that differ', () => {
    const secret = generateHookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateHookSecret()).not.toBe(secret);
  });
});
