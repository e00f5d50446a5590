import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** A request a test receiver got: the raw body as sent, so its signature can be checked. */
export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How a route answers its n-th request (0-based): a status, or `hold` to leave the request open. */
export type RouteScript = (index: number) => number | 'hold';

/**
 * A real HTTP receiver on 127.0.0.1 and an ephemeral port, for tests of webhook delivery: each
 * path answers as its script says; held requests stay open until released or the server closes.
 */
export class HookReceiver {
  readonly received: ReceivedHook[] = [];
  private readonly held: ServerResponse[] = [];
  private readonly routes = new Map<string, RouteScript>();
  private server: Server | null = null;
  private port = 0;

  route(path: string, script: RouteScript): string {
    this.routes.set(path, script);
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        const index = this.received.filter((entry) => entry.path === path).length;
        this.received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        const answer = (this.routes.get(path) ?? (() => 404))(index);
        if (answer === 'hold') this.held.push(response);
        else response.writeHead(answer, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => (this.server as Server).listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  at(path: string): ReceivedHook[] {
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
    this.server.closeAllConnections();
    await new Promise((resolve) => (this.server as Server).close(resolve));
  }
}

/** Polls `condition` every 50 ms until it holds; fails after `limitMs` (a bound, not a timed assertion). */
export async function waitFor(condition: () => Promise<boolean> | boolean, limitMs = 15_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
