import { isDomainError } from '@loyalty/kernel';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { assertOutboundAddress, openOutboundStream, parseOutboundUrl, postOutbound } from './outbound-url';

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
    expect(await refusal(openOutboundStream(new URL(text), { allowPrivate: false, timeoutMs: 1000 }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'url' }],
    });
  });
});

describe('openOutboundStream', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/feed') response.writeHead(200, { 'content-length': 5 }).end('hello');
      else response.writeHead(302, { location: '/feed' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const read = async (body: AsyncIterable<Buffer>) => {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  };

  it('streams the body when private addresses are allowed', async () => {
    const response = await openOutboundStream(new URL(`http://127.0.0.1:${port}/feed`), {
      allowPrivate: true,
      timeoutMs: 5000,
    });
    expect(response.contentLength).toBe(5);
    expect(await read(response.body)).toBe('hello');
  });

  it('refuses a private address given as an IP, and a name resolving to one when the socket connects', async () => {
    const options = { allowPrivate: false, timeoutMs: 5000 };
    expect(await refusal(openOutboundStream(new URL(`http://127.0.0.1:${port}/feed`), options))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'url', message: '127.0.0.1 is a private or loopback address' }],
    });
    expect(await refusal(openOutboundStream(new URL(`http://localhost:${port}/feed`), options))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'url', message: 'localhost is a private or loopback address' }],
    });
  });

  it('does not follow redirects and names the status', async () => {
    expect(
      await refusal(
        openOutboundStream(new URL(`http://127.0.0.1:${port}/moved`), { allowPrivate: true, timeoutMs: 5000 }),
      ),
    ).toEqual({ code: 'VALIDATION_FAILED', fields: [{ path: 'url', message: 'could not be fetched: HTTP 302' }] });
  });
});

describe('assertOutboundAddress and postOutbound (webhooks)', () => {
  let server: Server;
  let port: number;
  const received: Array<{ body: string; signature: string | undefined }> = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          body: Buffer.concat(chunks).toString('utf8'),
          signature: request.headers['x-signature'] as string,
        });
        if (request.url === '/slow') return;
        response.writeHead(request.url === '/fail' ? 500 : 204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });

  it('refuses literal private addresses and names resolving to them at save time, unless allowed', async () => {
    const check = (text: string, allowPrivate: boolean) => assertOutboundAddress(new URL(text), { allowPrivate });
    expect(await refusal(check('http://127.0.0.1:9/hook', false))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'url', message: '127.0.0.1 is a private or loopback address' }],
    });
    expect(await refusal(check('http://localhost:9/hook', false))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'url', message: 'localhost is a private or loopback address' }],
    });
    expect(await refusal(check('http://[::1]/hook', false))).toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(check('http://127.0.0.1:9/hook', true)).resolves.toBeUndefined();
    await expect(check('https://93.184.215.14/hook', false)).resolves.toBeUndefined();
  });

  it('posts the body with its headers and answers the status, 2xx or not', async () => {
    const post = (route: string) =>
      postOutbound(new URL(`http://127.0.0.1:${port}${route}`), {
        body: '{"a":1}',
        headers: { 'content-type': 'application/json', 'x-signature': 'sha256=00' },
        allowPrivate: true,
        timeoutMs: 5000,
      });
    expect(await post('/ok')).toEqual({ status: 204 });
    expect(await post('/fail')).toEqual({ status: 500 });
    expect(received.slice(0, 2)).toEqual([
      { body: '{"a":1}', signature: 'sha256=00' },
      { body: '{"a":1}', signature: 'sha256=00' },
    ]);
  });

  it('refuses a loopback target when private addresses are not allowed, and gives up after the timeout', async () => {
    const options = { body: '{}', headers: {}, timeoutMs: 300 };
    expect(
      await refusal(postOutbound(new URL(`http://127.0.0.1:${port}/ok`), { ...options, allowPrivate: false })),
    ).toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      postOutbound(new URL(`http://127.0.0.1:${port}/slow`), { ...options, allowPrivate: true }),
    ).rejects.toThrow('no answer within 300 ms');
  });
});
