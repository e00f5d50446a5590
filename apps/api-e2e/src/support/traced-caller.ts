import { ApiAnswer, E2eStack, LogLine, readAnswer, waitFor } from '@loyalty/testing';
import { parseLogLine } from './log-audit';

const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Sends requests to the API one at a time and, for each, checks the API's log lines written from
 * the moment it was sent up to its own `request` line (the last thing the API logs for it): every
 * one of them must carry the request id the API answered in `X-Request-Id`. One at a time, so
 * those lines can belong to no other request.
 */
export class TracedCaller {
  /** What went wrong, one entry per request or line, for a single assertion at the end. */
  readonly problems: string[] = [];
  requestCount = 0;

  constructor(private readonly stack: E2eStack) {}

  /** POSTs JSON (or a raw string) to `/api/v1.1/<method>` with the bearer token, as `E2eStack.call` does. */
  call<T = Record<string, unknown>>(
    method: string,
    body: unknown,
    token?: string,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer<T>> {
    return this.send<T>(`/api/v1.1/${method}`, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
    });
  }

  /** GETs `path` (the queue dashboard, health) with `headers`. */
  get<T = unknown>(path: string, headers: Record<string, string> = {}): Promise<ApiAnswer<T>> {
    return this.send<T>(path, { method: 'GET', headers });
  }

  private async send<T>(path: string, init: RequestInit): Promise<ApiAnswer<T>> {
    const before = this.apiLines().length;
    const response = await fetch(`${this.stack.apiUrl}${path}`, init);
    const answer = await readAnswer<T>(response);
    this.requestCount += 1;
    const requestId = answer.headers.get(REQUEST_ID_HEADER);
    if (!requestId) {
      this.problems.push(`${path} answered ${answer.status} without ${REQUEST_ID_HEADER}`);
      return answer;
    }
    let served: LogLine[] = [];
    await waitFor(() => {
      const lines = this.apiLines().slice(before);
      const end = lines.findIndex((entry) => isRequestLine(entry, requestId));
      served = lines.slice(0, end + 1);
      return end >= 0;
    }, 10_000).catch(() => this.problems.push(`${path} (${requestId}): no request line logged`));
    for (const { line } of served) {
      if (isOtherRequestLine(line, requestId)) continue;
      if (parseLogLine(line)?.['request_id'] !== requestId) {
        this.problems.push(`${path} (${requestId}): line without its request id: ${line.slice(0, 300)}`);
      }
    }
    return answer;
  }

  private apiLines(): LogLine[] {
    return this.stack.allLogLines().filter((entry) => entry.process === 'api');
  }
}

/** The closing line of another request (a readiness probe of the harness): that request's, not this one's. */
function isOtherRequestLine(line: string, requestId: string): boolean {
  const parsed = parseLogLine(line);
  return parsed?.['msg'] === 'request' && parsed['request_id'] !== requestId;
}

function isRequestLine(entry: LogLine, requestId: string): boolean {
  const parsed = parseLogLine(entry.line);
  return parsed?.['msg'] === 'request' && parsed['request_id'] === requestId;
}
