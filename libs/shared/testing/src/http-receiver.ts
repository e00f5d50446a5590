import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** A request a test receiver got: the raw body as sent, so its signature can be checked. */
export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How a route answers its n-th request (0-based): a status, or `hold` to leave the request open. */
export type RouteScript = (index: number) => number | 'hold';

/**
 * A real HTTP receiver on 127.0.0.1 and an ephemeral port, for tests of webhook delivery: each
 * routed path answers as its script says (200 by default), any other path 404; held requests stay
 * open until released or the receiver stops.
 */
export class HttpReceiver {
  readonly received: ReceivedRequest[] = [];
  private readonly held: ServerResponse[] = [];
  private readonly routes = new Map<string, RouteScript>();
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
        const answer = (this.routes.get(path) ?? (() => 404))(index);
        if (answer === 'hold') this.held.push(response);
        else response.writeHead(answer, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => (this.server as Server).listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Routes `path` and answers its URL. */
  route(path: string, script: RouteScript = () => 200): string {
    this.routes.set(path, script);
    return `http://127.0.0.1:${this.port}${path}`;
  }

  at(path: string): ReceivedRequest[] {
    return this.received.filter((entry) => entry.path === path);
  }

  get heldCount(): number {
    return this.held.filter((response) => !response.writableEnded && !response.destroyed).length;
  }

  /** Answers every held request with `status`. */
  release(status: number): void {
    for (const response of this.held.splice(0)) {
      if (!response.writableEnded && !response.destroyed) response.writeHead(status).end('ok');
    }
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    for (const response of this.held) response.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => (this.server as Server).close(resolve));
  }
}

/** What a receiver does with X-Signature: the HMAC-SHA256 of the raw body with the secret, compared in constant time. */
export function signatureValid(secret: string, received: ReceivedRequest): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(received.body).digest('hex')}`);
  const given = Buffer.from(String(received.headers['x-signature']));
  return expected.length === given.length && timingSafeEqual(expected, given);
}
