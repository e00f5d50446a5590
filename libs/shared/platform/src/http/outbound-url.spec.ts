import { isDomainError } from '@loyalty/kernel';
import { assertPublicUrl, parseOutboundUrl } from './outbound-url';

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, fields: error.details.fields };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('outbound URL policy (quality.md §5)', () => {
  it('accepts http and https only', () => {
    expect(parseOutboundUrl('https://shop.example/feed.yml').hostname).toBe('shop.example');
    expect(() => parseOutboundUrl('ftp://shop.example/feed')).toThrow('url: must be an http or https URL');
    expect(() => parseOutboundUrl('file:///etc/passwd')).toThrow('must be an http or https URL');
    expect(() => parseOutboundUrl('not a url')).toThrow('url: is not a valid URL');
  });

  it.each([
    'http://127.0.0.1/feed',
    'http://10.1.2.3/feed',
    'http://172.16.0.1/feed',
    'http://192.168.1.1/feed',
    'http://169.254.169.254/latest/meta-data',
    'http://0.0.0.0/feed',
    'http://[::1]/feed',
    'http://[fd00::1]/feed',
    'http://[::ffff:127.0.0.1]/feed',
  ])('refuses the private or loopback address of %s', async (text) => {
    expect(await refusal(assertPublicUrl(new URL(text), false))).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'url' }],
    });
  });

  it('lets public addresses through, and private ones when the operator allows them', async () => {
    await expect(assertPublicUrl(new URL('http://93.184.216.34/feed'), false)).resolves.toBeUndefined();
    await expect(assertPublicUrl(new URL('http://[2606:4700::1]/feed'), false)).resolves.toBeUndefined();
    await expect(assertPublicUrl(new URL('http://127.0.0.1/feed'), true)).resolves.toBeUndefined();
  });
});
