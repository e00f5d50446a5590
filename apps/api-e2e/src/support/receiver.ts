import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real receiver on 127.0.0.1: each path answers its n-th request with a status, or holds it open. */
export class Receiver {
  readonly received: Received[] = [];
  private readonly held: ServerResponse[] = [];
  private readonly routes = new Map<string, (index: number) => number | 'hold'>();
  private server: Server | null = null;
  private port = 0;

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        const index = this.at(path).length;
        this.received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        const answer = (this.routes.get(path) ?? (() => 200))(index);
        if (answer === 'hold') this.held.push(response);
        else response.writeHead(answer).end('ok');
      });
    });
    await new Promise<void>((resolve) => (this.server as Server).listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  url(path: string, script: (index: number) => number | 'hold' = () => 200): string {
    this.routes.set(path, script);
    return `http://127.0.0.1:${this.port}${path}`;
  }

  at(path: string): Received[] {
    return this.received.filter((entry) => entry.path === path);
  }

  async stop(): Promise<void> {
    for (const response of this.held) response.destroy();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/** What a receiver does with X-Signature: the HMAC-SHA256 of the raw body with the secret, compared in constant time. */
export function signatureValid(secret: string, received: Received): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(received.body).digest('hex')}`);
  const given = Buffer.from(String(received.headers['x-signature']));
  return expected.length === given.length && timingSafeEqual(expected, given);
}
